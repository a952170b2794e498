/// Pure core: data model, loading, validation, indexes, queries. No NIO, no protobuf.
public enum LeagueCore {}
