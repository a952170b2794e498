public enum LeagueClientModule {}
