print("nhs-league: not built yet")
