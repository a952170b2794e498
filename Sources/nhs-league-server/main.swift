print("nhs-league-server: not built yet")
