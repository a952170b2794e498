public enum LeagueServerModule {}
