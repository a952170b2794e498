from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Iterable as _Iterable, Mapping as _Mapping, Optional as _Optional, Union as _Union

BETTER_WHEN_HIGHER: BetterWhen
BETTER_WHEN_LOWER: BetterWhen
BETTER_WHEN_UNSPECIFIED: BetterWhen
CANCELLED: Code
DEADLINE_EXCEEDED: Code
DESCRIPTOR: _descriptor.FileDescriptor
FAILED_PRECONDITION: Code
FIELD_ALIAS: MatchField
FIELD_FORMER_NAME: MatchField
FIELD_ODS_CODE: MatchField
FIELD_SITE_NAME: MatchField
FIELD_TRUST_NAME: MatchField
FIELD_UNSPECIFIED: MatchField
INTERNAL: Code
INVALID_ARGUMENT: Code
MATCH_ALIAS: MatchKind
MATCH_EXACT: MatchKind
MATCH_FUZZY: MatchKind
MATCH_PREFIX: MatchKind
MATCH_TOKEN: MatchKind
MATCH_UNSPECIFIED: MatchKind
NOT_FOUND: Code
OK: Code
PRECISION_COORDINATES: LocationPrecision
PRECISION_FULL_POSTCODE: LocationPrecision
PRECISION_POSTCODE_DISTRICT: LocationPrecision
PRECISION_POSTCODE_SECTOR: LocationPrecision
PRECISION_POST_TOWN: LocationPrecision
PRECISION_UNSPECIFIED: LocationPrecision
QUARTILE_STANDING_AT_MEDIAN: QuartileStanding
QUARTILE_STANDING_BETTER_THAN_HALF: QuartileStanding
QUARTILE_STANDING_BETTER_THAN_THREE_QUARTERS: QuartileStanding
QUARTILE_STANDING_UNSPECIFIED: QuartileStanding
QUARTILE_STANDING_WORSE_THAN_HALF: QuartileStanding
QUARTILE_STANDING_WORSE_THAN_THREE_QUARTERS: QuartileStanding
RANK_DERIVATION_TIE_SHARED: RankDerivation
RANK_DERIVATION_TIE_SPLIT: RankDerivation
RANK_DERIVATION_UNIQUE: RankDerivation
RANK_DERIVATION_UNSPECIFIED: RankDerivation
RESOURCE_EXHAUSTED: Code
TABLE_ACUTE: LeagueTableKind
TABLE_AMBULANCE: LeagueTableKind
TABLE_NON_ACUTE: LeagueTableKind
TABLE_UNSPECIFIED: LeagueTableKind
UNAVAILABLE: Code
UNIMPLEMENTED: Code
UNKNOWN: Code

class DomainScore(_message.Message):
    __slots__ = ["description", "key", "name", "score", "segment", "source"]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    KEY_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    SEGMENT_FIELD_NUMBER: _ClassVar[int]
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    description: str
    key: str
    name: str
    score: float
    segment: int
    source: str
    def __init__(self, key: _Optional[str] = ..., name: _Optional[str] = ..., description: _Optional[str] = ..., score: _Optional[float] = ..., segment: _Optional[int] = ..., source: _Optional[str] = ...) -> None: ...

class FindTrustsRequest(_message.Message):
    __slots__ = ["limit", "query"]
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    QUERY_FIELD_NUMBER: _ClassVar[int]
    limit: int
    query: str
    def __init__(self, query: _Optional[str] = ..., limit: _Optional[int] = ...) -> None: ...

class FindTrustsResult(_message.Message):
    __slots__ = ["ambiguous", "did_you_mean", "matches", "normalized_query"]
    AMBIGUOUS_FIELD_NUMBER: _ClassVar[int]
    DID_YOU_MEAN_FIELD_NUMBER: _ClassVar[int]
    MATCHES_FIELD_NUMBER: _ClassVar[int]
    NORMALIZED_QUERY_FIELD_NUMBER: _ClassVar[int]
    ambiguous: bool
    did_you_mean: _containers.RepeatedScalarFieldContainer[str]
    matches: _containers.RepeatedCompositeFieldContainer[TrustMatch]
    normalized_query: str
    def __init__(self, matches: _Optional[_Iterable[_Union[TrustMatch, _Mapping]]] = ..., did_you_mean: _Optional[_Iterable[str]] = ..., normalized_query: _Optional[str] = ..., ambiguous: bool = ...) -> None: ...

class GetTrustRequest(_message.Message):
    __slots__ = ["ods_code"]
    ODS_CODE_FIELD_NUMBER: _ClassVar[int]
    ods_code: str
    def __init__(self, ods_code: _Optional[str] = ...) -> None: ...

class HospitalSite(_message.Message):
    __slots__ = ["also_here_ods_codes", "kind", "kind_inferred", "latitude", "longitude", "main_operator_confirmed", "main_operator_ods_code", "name", "parent_link_method", "postcode", "site_code"]
    ALSO_HERE_ODS_CODES_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    KIND_INFERRED_FIELD_NUMBER: _ClassVar[int]
    LATITUDE_FIELD_NUMBER: _ClassVar[int]
    LONGITUDE_FIELD_NUMBER: _ClassVar[int]
    MAIN_OPERATOR_CONFIRMED_FIELD_NUMBER: _ClassVar[int]
    MAIN_OPERATOR_ODS_CODE_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    PARENT_LINK_METHOD_FIELD_NUMBER: _ClassVar[int]
    POSTCODE_FIELD_NUMBER: _ClassVar[int]
    SITE_CODE_FIELD_NUMBER: _ClassVar[int]
    also_here_ods_codes: _containers.RepeatedScalarFieldContainer[str]
    kind: str
    kind_inferred: bool
    latitude: float
    longitude: float
    main_operator_confirmed: bool
    main_operator_ods_code: str
    name: str
    parent_link_method: str
    postcode: str
    site_code: str
    def __init__(self, site_code: _Optional[str] = ..., name: _Optional[str] = ..., postcode: _Optional[str] = ..., latitude: _Optional[float] = ..., longitude: _Optional[float] = ..., parent_link_method: _Optional[str] = ..., kind: _Optional[str] = ..., kind_inferred: bool = ..., main_operator_ods_code: _Optional[str] = ..., also_here_ods_codes: _Optional[_Iterable[str]] = ..., main_operator_confirmed: bool = ...) -> None: ...

class ImprovementAction(_message.Message):
    __slots__ = ["category", "date", "derived", "note", "source_text", "source_type", "source_url", "status", "title"]
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    DATE_FIELD_NUMBER: _ClassVar[int]
    DERIVED_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    SOURCE_TEXT_FIELD_NUMBER: _ClassVar[int]
    SOURCE_TYPE_FIELD_NUMBER: _ClassVar[int]
    SOURCE_URL_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    category: str
    date: str
    derived: bool
    note: str
    source_text: str
    source_type: str
    source_url: str
    status: str
    title: str
    def __init__(self, date: _Optional[str] = ..., title: _Optional[str] = ..., category: _Optional[str] = ..., status: _Optional[str] = ..., source_url: _Optional[str] = ..., note: _Optional[str] = ..., derived: bool = ..., source_type: _Optional[str] = ..., source_text: _Optional[str] = ...) -> None: ...

class LeagueTableRequest(_message.Message):
    __slots__ = ["descending", "limit", "offset", "quarter", "region", "segment", "table"]
    DESCENDING_FIELD_NUMBER: _ClassVar[int]
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    OFFSET_FIELD_NUMBER: _ClassVar[int]
    QUARTER_FIELD_NUMBER: _ClassVar[int]
    REGION_FIELD_NUMBER: _ClassVar[int]
    SEGMENT_FIELD_NUMBER: _ClassVar[int]
    TABLE_FIELD_NUMBER: _ClassVar[int]
    descending: bool
    limit: int
    offset: int
    quarter: str
    region: str
    segment: int
    table: LeagueTableKind
    def __init__(self, table: _Optional[_Union[LeagueTableKind, str]] = ..., quarter: _Optional[str] = ..., segment: _Optional[int] = ..., region: _Optional[str] = ..., descending: bool = ..., offset: _Optional[int] = ..., limit: _Optional[int] = ...) -> None: ...

class LeagueTableResult(_message.Message):
    __slots__ = ["available_quarters", "coverage", "quarter", "rows", "table", "total_matching"]
    AVAILABLE_QUARTERS_FIELD_NUMBER: _ClassVar[int]
    COVERAGE_FIELD_NUMBER: _ClassVar[int]
    QUARTER_FIELD_NUMBER: _ClassVar[int]
    ROWS_FIELD_NUMBER: _ClassVar[int]
    TABLE_FIELD_NUMBER: _ClassVar[int]
    TOTAL_MATCHING_FIELD_NUMBER: _ClassVar[int]
    available_quarters: _containers.RepeatedScalarFieldContainer[str]
    coverage: TableCoverage
    quarter: str
    rows: _containers.RepeatedCompositeFieldContainer[LeagueTableRow]
    table: LeagueTableKind
    total_matching: int
    def __init__(self, quarter: _Optional[str] = ..., table: _Optional[_Union[LeagueTableKind, str]] = ..., total_matching: _Optional[int] = ..., rows: _Optional[_Iterable[_Union[LeagueTableRow, _Mapping]]] = ..., coverage: _Optional[_Union[TableCoverage, _Mapping]] = ..., available_quarters: _Optional[_Iterable[str]] = ...) -> None: ...

class LeagueTableRow(_message.Message):
    __slots__ = ["ranking", "trust"]
    RANKING_FIELD_NUMBER: _ClassVar[int]
    TRUST_FIELD_NUMBER: _ClassVar[int]
    ranking: Ranking
    trust: Trust
    def __init__(self, trust: _Optional[_Union[Trust, _Mapping]] = ..., ranking: _Optional[_Union[Ranking, _Mapping]] = ...) -> None: ...

class ListActionsRequest(_message.Message):
    __slots__ = ["ods_code"]
    ODS_CODE_FIELD_NUMBER: _ClassVar[int]
    ods_code: str
    def __init__(self, ods_code: _Optional[str] = ...) -> None: ...

class ListActionsResult(_message.Message):
    __slots__ = ["actions", "summary", "trust"]
    ACTIONS_FIELD_NUMBER: _ClassVar[int]
    SUMMARY_FIELD_NUMBER: _ClassVar[int]
    TRUST_FIELD_NUMBER: _ClassVar[int]
    actions: _containers.RepeatedCompositeFieldContainer[ImprovementAction]
    summary: str
    trust: Trust
    def __init__(self, trust: _Optional[_Union[Trust, _Mapping]] = ..., actions: _Optional[_Iterable[_Union[ImprovementAction, _Mapping]]] = ..., summary: _Optional[str] = ...) -> None: ...

class ListMetricsRequest(_message.Message):
    __slots__ = ["quarter", "table"]
    QUARTER_FIELD_NUMBER: _ClassVar[int]
    TABLE_FIELD_NUMBER: _ClassVar[int]
    quarter: str
    table: LeagueTableKind
    def __init__(self, table: _Optional[_Union[LeagueTableKind, str]] = ..., quarter: _Optional[str] = ...) -> None: ...

class ListMetricsResult(_message.Message):
    __slots__ = ["metrics"]
    METRICS_FIELD_NUMBER: _ClassVar[int]
    metrics: _containers.RepeatedCompositeFieldContainer[MetricInfo]
    def __init__(self, metrics: _Optional[_Iterable[_Union[MetricInfo, _Mapping]]] = ...) -> None: ...

class MetricDomain(_message.Message):
    __slots__ = ["key", "metrics", "name"]
    KEY_FIELD_NUMBER: _ClassVar[int]
    METRICS_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    key: str
    metrics: _containers.RepeatedCompositeFieldContainer[MetricResult]
    name: str
    def __init__(self, key: _Optional[str] = ..., name: _Optional[str] = ..., metrics: _Optional[_Iterable[_Union[MetricResult, _Mapping]]] = ...) -> None: ...

class MetricInfo(_message.Message):
    __slots__ = ["better_when", "continues_metric_id", "description_as_published", "direction_evidence", "domain_key", "domain_name", "explanation", "framework", "id", "name", "quarters", "score_only", "source", "tables", "units", "units_note"]
    BETTER_WHEN_FIELD_NUMBER: _ClassVar[int]
    CONTINUES_METRIC_ID_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_AS_PUBLISHED_FIELD_NUMBER: _ClassVar[int]
    DIRECTION_EVIDENCE_FIELD_NUMBER: _ClassVar[int]
    DOMAIN_KEY_FIELD_NUMBER: _ClassVar[int]
    DOMAIN_NAME_FIELD_NUMBER: _ClassVar[int]
    EXPLANATION_FIELD_NUMBER: _ClassVar[int]
    FRAMEWORK_FIELD_NUMBER: _ClassVar[int]
    ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    QUARTERS_FIELD_NUMBER: _ClassVar[int]
    SCORE_ONLY_FIELD_NUMBER: _ClassVar[int]
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    TABLES_FIELD_NUMBER: _ClassVar[int]
    UNITS_FIELD_NUMBER: _ClassVar[int]
    UNITS_NOTE_FIELD_NUMBER: _ClassVar[int]
    better_when: BetterWhen
    continues_metric_id: str
    description_as_published: str
    direction_evidence: str
    domain_key: str
    domain_name: str
    explanation: str
    framework: str
    id: str
    name: str
    quarters: _containers.RepeatedScalarFieldContainer[str]
    score_only: bool
    source: str
    tables: _containers.RepeatedScalarFieldContainer[LeagueTableKind]
    units: str
    units_note: str
    def __init__(self, id: _Optional[str] = ..., framework: _Optional[str] = ..., score_only: bool = ..., name: _Optional[str] = ..., explanation: _Optional[str] = ..., units: _Optional[str] = ..., units_note: _Optional[str] = ..., better_when: _Optional[_Union[BetterWhen, str]] = ..., direction_evidence: _Optional[str] = ..., domain_key: _Optional[str] = ..., domain_name: _Optional[str] = ..., description_as_published: _Optional[str] = ..., continues_metric_id: _Optional[str] = ..., tables: _Optional[_Iterable[_Union[LeagueTableKind, str]]] = ..., quarters: _Optional[_Iterable[str]] = ..., source: _Optional[str] = ...) -> None: ...

class MetricLeagueRow(_message.Message):
    __slots__ = ["ods_code", "region", "result", "trust_name"]
    ODS_CODE_FIELD_NUMBER: _ClassVar[int]
    REGION_FIELD_NUMBER: _ClassVar[int]
    RESULT_FIELD_NUMBER: _ClassVar[int]
    TRUST_NAME_FIELD_NUMBER: _ClassVar[int]
    ods_code: str
    region: str
    result: MetricResult
    trust_name: str
    def __init__(self, ods_code: _Optional[str] = ..., trust_name: _Optional[str] = ..., region: _Optional[str] = ..., result: _Optional[_Union[MetricResult, _Mapping]] = ...) -> None: ...

class MetricMovement(_message.Message):
    __slots__ = ["delta", "improved", "previous_metric_id", "previous_quarter", "previous_rank", "previous_ranked_count", "previous_value", "summary"]
    DELTA_FIELD_NUMBER: _ClassVar[int]
    IMPROVED_FIELD_NUMBER: _ClassVar[int]
    PREVIOUS_METRIC_ID_FIELD_NUMBER: _ClassVar[int]
    PREVIOUS_QUARTER_FIELD_NUMBER: _ClassVar[int]
    PREVIOUS_RANKED_COUNT_FIELD_NUMBER: _ClassVar[int]
    PREVIOUS_RANK_FIELD_NUMBER: _ClassVar[int]
    PREVIOUS_VALUE_FIELD_NUMBER: _ClassVar[int]
    SUMMARY_FIELD_NUMBER: _ClassVar[int]
    delta: float
    improved: bool
    previous_metric_id: str
    previous_quarter: str
    previous_rank: int
    previous_ranked_count: int
    previous_value: float
    summary: str
    def __init__(self, previous_quarter: _Optional[str] = ..., previous_metric_id: _Optional[str] = ..., previous_value: _Optional[float] = ..., previous_rank: _Optional[int] = ..., previous_ranked_count: _Optional[int] = ..., delta: _Optional[float] = ..., improved: bool = ..., summary: _Optional[str] = ...) -> None: ...

class MetricRankCounts(_message.Message):
    __slots__ = ["blank_codes", "ranked", "summary", "table_size", "ties_shared", "ties_split", "unique", "unranked", "with_row"]
    BLANK_CODES_FIELD_NUMBER: _ClassVar[int]
    RANKED_FIELD_NUMBER: _ClassVar[int]
    SUMMARY_FIELD_NUMBER: _ClassVar[int]
    TABLE_SIZE_FIELD_NUMBER: _ClassVar[int]
    TIES_SHARED_FIELD_NUMBER: _ClassVar[int]
    TIES_SPLIT_FIELD_NUMBER: _ClassVar[int]
    UNIQUE_FIELD_NUMBER: _ClassVar[int]
    UNRANKED_FIELD_NUMBER: _ClassVar[int]
    WITH_ROW_FIELD_NUMBER: _ClassVar[int]
    blank_codes: _containers.RepeatedScalarFieldContainer[str]
    ranked: int
    summary: str
    table_size: int
    ties_shared: int
    ties_split: int
    unique: int
    unranked: int
    with_row: int
    def __init__(self, table_size: _Optional[int] = ..., with_row: _Optional[int] = ..., ranked: _Optional[int] = ..., unique: _Optional[int] = ..., ties_shared: _Optional[int] = ..., ties_split: _Optional[int] = ..., unranked: _Optional[int] = ..., blank_codes: _Optional[_Iterable[str]] = ..., summary: _Optional[str] = ...) -> None: ...

class MetricResult(_message.Message):
    __slots__ = ["lower_quartile", "median", "metric", "metric_score", "movement", "quarter", "rank", "rank_derivation", "rank_text", "ranked_count", "reporting_period", "standing", "standing_text", "units", "upper_quartile", "value", "value_text"]
    LOWER_QUARTILE_FIELD_NUMBER: _ClassVar[int]
    MEDIAN_FIELD_NUMBER: _ClassVar[int]
    METRIC_FIELD_NUMBER: _ClassVar[int]
    METRIC_SCORE_FIELD_NUMBER: _ClassVar[int]
    MOVEMENT_FIELD_NUMBER: _ClassVar[int]
    QUARTER_FIELD_NUMBER: _ClassVar[int]
    RANKED_COUNT_FIELD_NUMBER: _ClassVar[int]
    RANK_DERIVATION_FIELD_NUMBER: _ClassVar[int]
    RANK_FIELD_NUMBER: _ClassVar[int]
    RANK_TEXT_FIELD_NUMBER: _ClassVar[int]
    REPORTING_PERIOD_FIELD_NUMBER: _ClassVar[int]
    STANDING_FIELD_NUMBER: _ClassVar[int]
    STANDING_TEXT_FIELD_NUMBER: _ClassVar[int]
    UNITS_FIELD_NUMBER: _ClassVar[int]
    UPPER_QUARTILE_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    VALUE_TEXT_FIELD_NUMBER: _ClassVar[int]
    lower_quartile: float
    median: float
    metric: MetricInfo
    metric_score: float
    movement: MetricMovement
    quarter: str
    rank: int
    rank_derivation: RankDerivation
    rank_text: str
    ranked_count: int
    reporting_period: str
    standing: QuartileStanding
    standing_text: str
    units: str
    upper_quartile: float
    value: float
    value_text: str
    def __init__(self, metric: _Optional[_Union[MetricInfo, _Mapping]] = ..., quarter: _Optional[str] = ..., value_text: _Optional[str] = ..., value: _Optional[float] = ..., units: _Optional[str] = ..., rank: _Optional[int] = ..., ranked_count: _Optional[int] = ..., rank_text: _Optional[str] = ..., rank_derivation: _Optional[_Union[RankDerivation, str]] = ..., median: _Optional[float] = ..., lower_quartile: _Optional[float] = ..., upper_quartile: _Optional[float] = ..., standing: _Optional[_Union[QuartileStanding, str]] = ..., standing_text: _Optional[str] = ..., metric_score: _Optional[float] = ..., movement: _Optional[_Union[MetricMovement, _Mapping]] = ..., reporting_period: _Optional[str] = ...) -> None: ...

class MetricStrengths(_message.Message):
    __slots__ = ["quarter", "source_line", "strongest", "weakest"]
    QUARTER_FIELD_NUMBER: _ClassVar[int]
    SOURCE_LINE_FIELD_NUMBER: _ClassVar[int]
    STRONGEST_FIELD_NUMBER: _ClassVar[int]
    WEAKEST_FIELD_NUMBER: _ClassVar[int]
    quarter: str
    source_line: str
    strongest: _containers.RepeatedCompositeFieldContainer[MetricResult]
    weakest: _containers.RepeatedCompositeFieldContainer[MetricResult]
    def __init__(self, quarter: _Optional[str] = ..., strongest: _Optional[_Iterable[_Union[MetricResult, _Mapping]]] = ..., weakest: _Optional[_Iterable[_Union[MetricResult, _Mapping]]] = ..., source_line: _Optional[str] = ...) -> None: ...

class MetricTableRequest(_message.Message):
    __slots__ = ["limit", "metric", "offset", "quarter", "region", "table", "worst_first"]
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    METRIC_FIELD_NUMBER: _ClassVar[int]
    OFFSET_FIELD_NUMBER: _ClassVar[int]
    QUARTER_FIELD_NUMBER: _ClassVar[int]
    REGION_FIELD_NUMBER: _ClassVar[int]
    TABLE_FIELD_NUMBER: _ClassVar[int]
    WORST_FIRST_FIELD_NUMBER: _ClassVar[int]
    limit: int
    metric: str
    offset: int
    quarter: str
    region: str
    table: LeagueTableKind
    worst_first: bool
    def __init__(self, metric: _Optional[str] = ..., quarter: _Optional[str] = ..., table: _Optional[_Union[LeagueTableKind, str]] = ..., region: _Optional[str] = ..., worst_first: bool = ..., offset: _Optional[int] = ..., limit: _Optional[int] = ...) -> None: ...

class MetricTableResult(_message.Message):
    __slots__ = ["caveats", "lower_quartile", "median", "metric", "other_matches", "provenance", "quarter", "ranks", "rows", "source_line", "table", "total_matching", "upper_quartile"]
    CAVEATS_FIELD_NUMBER: _ClassVar[int]
    LOWER_QUARTILE_FIELD_NUMBER: _ClassVar[int]
    MEDIAN_FIELD_NUMBER: _ClassVar[int]
    METRIC_FIELD_NUMBER: _ClassVar[int]
    OTHER_MATCHES_FIELD_NUMBER: _ClassVar[int]
    PROVENANCE_FIELD_NUMBER: _ClassVar[int]
    QUARTER_FIELD_NUMBER: _ClassVar[int]
    RANKS_FIELD_NUMBER: _ClassVar[int]
    ROWS_FIELD_NUMBER: _ClassVar[int]
    SOURCE_LINE_FIELD_NUMBER: _ClassVar[int]
    TABLE_FIELD_NUMBER: _ClassVar[int]
    TOTAL_MATCHING_FIELD_NUMBER: _ClassVar[int]
    UPPER_QUARTILE_FIELD_NUMBER: _ClassVar[int]
    caveats: _containers.RepeatedScalarFieldContainer[str]
    lower_quartile: float
    median: float
    metric: MetricInfo
    other_matches: _containers.RepeatedScalarFieldContainer[str]
    provenance: _containers.RepeatedScalarFieldContainer[str]
    quarter: str
    ranks: MetricRankCounts
    rows: _containers.RepeatedCompositeFieldContainer[MetricLeagueRow]
    source_line: str
    table: LeagueTableKind
    total_matching: int
    upper_quartile: float
    def __init__(self, metric: _Optional[_Union[MetricInfo, _Mapping]] = ..., quarter: _Optional[str] = ..., table: _Optional[_Union[LeagueTableKind, str]] = ..., total_matching: _Optional[int] = ..., rows: _Optional[_Iterable[_Union[MetricLeagueRow, _Mapping]]] = ..., median: _Optional[float] = ..., lower_quartile: _Optional[float] = ..., upper_quartile: _Optional[float] = ..., ranks: _Optional[_Union[MetricRankCounts, _Mapping]] = ..., other_matches: _Optional[_Iterable[str]] = ..., source_line: _Optional[str] = ..., provenance: _Optional[_Iterable[str]] = ..., caveats: _Optional[_Iterable[str]] = ...) -> None: ...

class Movement(_message.Message):
    __slots__ = ["positions_up", "previous_position", "previous_quarter", "previous_score", "previous_segment", "segments_up", "summary"]
    POSITIONS_UP_FIELD_NUMBER: _ClassVar[int]
    PREVIOUS_POSITION_FIELD_NUMBER: _ClassVar[int]
    PREVIOUS_QUARTER_FIELD_NUMBER: _ClassVar[int]
    PREVIOUS_SCORE_FIELD_NUMBER: _ClassVar[int]
    PREVIOUS_SEGMENT_FIELD_NUMBER: _ClassVar[int]
    SEGMENTS_UP_FIELD_NUMBER: _ClassVar[int]
    SUMMARY_FIELD_NUMBER: _ClassVar[int]
    positions_up: int
    previous_position: int
    previous_quarter: str
    previous_score: float
    previous_segment: int
    segments_up: int
    summary: str
    def __init__(self, previous_quarter: _Optional[str] = ..., positions_up: _Optional[int] = ..., segments_up: _Optional[int] = ..., previous_position: _Optional[int] = ..., previous_segment: _Optional[int] = ..., previous_score: _Optional[float] = ..., summary: _Optional[str] = ...) -> None: ...

class NearbyTrust(_message.Message):
    __slots__ = ["distance_km", "distance_miles", "site", "trust", "via_headquarters"]
    DISTANCE_KM_FIELD_NUMBER: _ClassVar[int]
    DISTANCE_MILES_FIELD_NUMBER: _ClassVar[int]
    SITE_FIELD_NUMBER: _ClassVar[int]
    TRUST_FIELD_NUMBER: _ClassVar[int]
    VIA_HEADQUARTERS_FIELD_NUMBER: _ClassVar[int]
    distance_km: float
    distance_miles: float
    site: HospitalSite
    trust: Trust
    via_headquarters: bool
    def __init__(self, trust: _Optional[_Union[Trust, _Mapping]] = ..., site: _Optional[_Union[HospitalSite, _Mapping]] = ..., via_headquarters: bool = ..., distance_km: _Optional[float] = ..., distance_miles: _Optional[float] = ...) -> None: ...

class NearestRequest(_message.Message):
    __slots__ = ["include_clinics", "latitude", "limit", "longitude", "max_distance_km", "postcode", "tables"]
    INCLUDE_CLINICS_FIELD_NUMBER: _ClassVar[int]
    LATITUDE_FIELD_NUMBER: _ClassVar[int]
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    LONGITUDE_FIELD_NUMBER: _ClassVar[int]
    MAX_DISTANCE_KM_FIELD_NUMBER: _ClassVar[int]
    POSTCODE_FIELD_NUMBER: _ClassVar[int]
    TABLES_FIELD_NUMBER: _ClassVar[int]
    include_clinics: bool
    latitude: float
    limit: int
    longitude: float
    max_distance_km: float
    postcode: str
    tables: _containers.RepeatedScalarFieldContainer[LeagueTableKind]
    def __init__(self, postcode: _Optional[str] = ..., latitude: _Optional[float] = ..., longitude: _Optional[float] = ..., limit: _Optional[int] = ..., tables: _Optional[_Iterable[_Union[LeagueTableKind, str]]] = ..., max_distance_km: _Optional[float] = ..., include_clinics: bool = ...) -> None: ...

class NearestResult(_message.Message):
    __slots__ = ["caveats", "location", "trusts"]
    CAVEATS_FIELD_NUMBER: _ClassVar[int]
    LOCATION_FIELD_NUMBER: _ClassVar[int]
    TRUSTS_FIELD_NUMBER: _ClassVar[int]
    caveats: _containers.RepeatedScalarFieldContainer[str]
    location: ResolvedLocation
    trusts: _containers.RepeatedCompositeFieldContainer[NearbyTrust]
    def __init__(self, location: _Optional[_Union[ResolvedLocation, _Mapping]] = ..., trusts: _Optional[_Iterable[_Union[NearbyTrust, _Mapping]]] = ..., caveats: _Optional[_Iterable[str]] = ...) -> None: ...

class Ranking(_message.Message):
    __slots__ = ["average_metric_score", "caveats", "domains", "financial_deficit", "financial_override", "gap_to_next_segment", "joint_position", "league_position", "likely_position_range", "movement", "period", "period_end", "period_start", "published", "quarter", "recovery_support_programme", "segment", "segment_meaning", "source", "table", "table_size", "trust_name_as_published", "unadjusted_segment"]
    AVERAGE_METRIC_SCORE_FIELD_NUMBER: _ClassVar[int]
    CAVEATS_FIELD_NUMBER: _ClassVar[int]
    DOMAINS_FIELD_NUMBER: _ClassVar[int]
    FINANCIAL_DEFICIT_FIELD_NUMBER: _ClassVar[int]
    FINANCIAL_OVERRIDE_FIELD_NUMBER: _ClassVar[int]
    GAP_TO_NEXT_SEGMENT_FIELD_NUMBER: _ClassVar[int]
    JOINT_POSITION_FIELD_NUMBER: _ClassVar[int]
    LEAGUE_POSITION_FIELD_NUMBER: _ClassVar[int]
    LIKELY_POSITION_RANGE_FIELD_NUMBER: _ClassVar[int]
    MOVEMENT_FIELD_NUMBER: _ClassVar[int]
    PERIOD_END_FIELD_NUMBER: _ClassVar[int]
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    PERIOD_START_FIELD_NUMBER: _ClassVar[int]
    PUBLISHED_FIELD_NUMBER: _ClassVar[int]
    QUARTER_FIELD_NUMBER: _ClassVar[int]
    RECOVERY_SUPPORT_PROGRAMME_FIELD_NUMBER: _ClassVar[int]
    SEGMENT_FIELD_NUMBER: _ClassVar[int]
    SEGMENT_MEANING_FIELD_NUMBER: _ClassVar[int]
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    TABLE_FIELD_NUMBER: _ClassVar[int]
    TABLE_SIZE_FIELD_NUMBER: _ClassVar[int]
    TRUST_NAME_AS_PUBLISHED_FIELD_NUMBER: _ClassVar[int]
    UNADJUSTED_SEGMENT_FIELD_NUMBER: _ClassVar[int]
    average_metric_score: float
    caveats: _containers.RepeatedScalarFieldContainer[str]
    domains: _containers.RepeatedCompositeFieldContainer[DomainScore]
    financial_deficit: bool
    financial_override: bool
    gap_to_next_segment: SegmentGap
    joint_position: bool
    league_position: int
    likely_position_range: str
    movement: Movement
    period: str
    period_end: str
    period_start: str
    published: str
    quarter: str
    recovery_support_programme: bool
    segment: int
    segment_meaning: str
    source: str
    table: LeagueTableKind
    table_size: int
    trust_name_as_published: str
    unadjusted_segment: int
    def __init__(self, quarter: _Optional[str] = ..., period: _Optional[str] = ..., period_start: _Optional[str] = ..., period_end: _Optional[str] = ..., published: _Optional[str] = ..., table: _Optional[_Union[LeagueTableKind, str]] = ..., table_size: _Optional[int] = ..., segment: _Optional[int] = ..., segment_meaning: _Optional[str] = ..., league_position: _Optional[int] = ..., joint_position: bool = ..., average_metric_score: _Optional[float] = ..., unadjusted_segment: _Optional[int] = ..., financial_override: bool = ..., recovery_support_programme: bool = ..., financial_deficit: bool = ..., domains: _Optional[_Iterable[_Union[DomainScore, _Mapping]]] = ..., source: _Optional[str] = ..., movement: _Optional[_Union[Movement, _Mapping]] = ..., gap_to_next_segment: _Optional[_Union[SegmentGap, _Mapping]] = ..., caveats: _Optional[_Iterable[str]] = ..., trust_name_as_published: _Optional[str] = ..., likely_position_range: _Optional[str] = ...) -> None: ...

class Request(_message.Message):
    __slots__ = ["deadline_ms", "find_trusts", "get_trust", "id", "league_table", "list_actions", "list_metrics", "metric_table", "nearest", "server_info", "trust_history", "trust_metrics"]
    DEADLINE_MS_FIELD_NUMBER: _ClassVar[int]
    FIND_TRUSTS_FIELD_NUMBER: _ClassVar[int]
    GET_TRUST_FIELD_NUMBER: _ClassVar[int]
    ID_FIELD_NUMBER: _ClassVar[int]
    LEAGUE_TABLE_FIELD_NUMBER: _ClassVar[int]
    LIST_ACTIONS_FIELD_NUMBER: _ClassVar[int]
    LIST_METRICS_FIELD_NUMBER: _ClassVar[int]
    METRIC_TABLE_FIELD_NUMBER: _ClassVar[int]
    NEAREST_FIELD_NUMBER: _ClassVar[int]
    SERVER_INFO_FIELD_NUMBER: _ClassVar[int]
    TRUST_HISTORY_FIELD_NUMBER: _ClassVar[int]
    TRUST_METRICS_FIELD_NUMBER: _ClassVar[int]
    deadline_ms: int
    find_trusts: FindTrustsRequest
    get_trust: GetTrustRequest
    id: int
    league_table: LeagueTableRequest
    list_actions: ListActionsRequest
    list_metrics: ListMetricsRequest
    metric_table: MetricTableRequest
    nearest: NearestRequest
    server_info: ServerInfoRequest
    trust_history: TrustHistoryRequest
    trust_metrics: TrustMetricsRequest
    def __init__(self, id: _Optional[int] = ..., deadline_ms: _Optional[int] = ..., server_info: _Optional[_Union[ServerInfoRequest, _Mapping]] = ..., get_trust: _Optional[_Union[GetTrustRequest, _Mapping]] = ..., find_trusts: _Optional[_Union[FindTrustsRequest, _Mapping]] = ..., nearest: _Optional[_Union[NearestRequest, _Mapping]] = ..., list_actions: _Optional[_Union[ListActionsRequest, _Mapping]] = ..., league_table: _Optional[_Union[LeagueTableRequest, _Mapping]] = ..., trust_history: _Optional[_Union[TrustHistoryRequest, _Mapping]] = ..., trust_metrics: _Optional[_Union[TrustMetricsRequest, _Mapping]] = ..., metric_table: _Optional[_Union[MetricTableRequest, _Mapping]] = ..., list_metrics: _Optional[_Union[ListMetricsRequest, _Mapping]] = ...) -> None: ...

class ResolvedLocation(_message.Message):
    __slots__ = ["country", "latitude", "longitude", "matched", "note", "precision", "query"]
    COUNTRY_FIELD_NUMBER: _ClassVar[int]
    LATITUDE_FIELD_NUMBER: _ClassVar[int]
    LONGITUDE_FIELD_NUMBER: _ClassVar[int]
    MATCHED_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    PRECISION_FIELD_NUMBER: _ClassVar[int]
    QUERY_FIELD_NUMBER: _ClassVar[int]
    country: str
    latitude: float
    longitude: float
    matched: str
    note: str
    precision: LocationPrecision
    query: str
    def __init__(self, query: _Optional[str] = ..., latitude: _Optional[float] = ..., longitude: _Optional[float] = ..., precision: _Optional[_Union[LocationPrecision, str]] = ..., matched: _Optional[str] = ..., country: _Optional[str] = ..., note: _Optional[str] = ...) -> None: ...

class Response(_message.Message):
    __slots__ = ["data_version", "find_trusts", "get_trust", "id", "league_table", "list_actions", "list_metrics", "metric_table", "nearest", "server_info", "status", "trust_history", "trust_metrics"]
    DATA_VERSION_FIELD_NUMBER: _ClassVar[int]
    FIND_TRUSTS_FIELD_NUMBER: _ClassVar[int]
    GET_TRUST_FIELD_NUMBER: _ClassVar[int]
    ID_FIELD_NUMBER: _ClassVar[int]
    LEAGUE_TABLE_FIELD_NUMBER: _ClassVar[int]
    LIST_ACTIONS_FIELD_NUMBER: _ClassVar[int]
    LIST_METRICS_FIELD_NUMBER: _ClassVar[int]
    METRIC_TABLE_FIELD_NUMBER: _ClassVar[int]
    NEAREST_FIELD_NUMBER: _ClassVar[int]
    SERVER_INFO_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    TRUST_HISTORY_FIELD_NUMBER: _ClassVar[int]
    TRUST_METRICS_FIELD_NUMBER: _ClassVar[int]
    data_version: str
    find_trusts: FindTrustsResult
    get_trust: TrustDetail
    id: int
    league_table: LeagueTableResult
    list_actions: ListActionsResult
    list_metrics: ListMetricsResult
    metric_table: MetricTableResult
    nearest: NearestResult
    server_info: ServerInfo
    status: Status
    trust_history: TrustHistoryResult
    trust_metrics: TrustMetricsResult
    def __init__(self, id: _Optional[int] = ..., status: _Optional[_Union[Status, _Mapping]] = ..., data_version: _Optional[str] = ..., server_info: _Optional[_Union[ServerInfo, _Mapping]] = ..., get_trust: _Optional[_Union[TrustDetail, _Mapping]] = ..., find_trusts: _Optional[_Union[FindTrustsResult, _Mapping]] = ..., nearest: _Optional[_Union[NearestResult, _Mapping]] = ..., list_actions: _Optional[_Union[ListActionsResult, _Mapping]] = ..., league_table: _Optional[_Union[LeagueTableResult, _Mapping]] = ..., trust_history: _Optional[_Union[TrustHistoryResult, _Mapping]] = ..., trust_metrics: _Optional[_Union[TrustMetricsResult, _Mapping]] = ..., metric_table: _Optional[_Union[MetricTableResult, _Mapping]] = ..., list_metrics: _Optional[_Union[ListMetricsResult, _Mapping]] = ...) -> None: ...

class SegmentGap(_message.Message):
    __slots__ = ["explanation", "score_gap", "target_segment", "threshold_score"]
    EXPLANATION_FIELD_NUMBER: _ClassVar[int]
    SCORE_GAP_FIELD_NUMBER: _ClassVar[int]
    TARGET_SEGMENT_FIELD_NUMBER: _ClassVar[int]
    THRESHOLD_SCORE_FIELD_NUMBER: _ClassVar[int]
    explanation: str
    score_gap: float
    target_segment: int
    threshold_score: float
    def __init__(self, target_segment: _Optional[int] = ..., threshold_score: _Optional[float] = ..., score_gap: _Optional[float] = ..., explanation: _Optional[str] = ...) -> None: ...

class ServerInfo(_message.Message):
    __slots__ = ["actions", "attribution", "coverage", "data_version", "full_postcodes", "latest_quarter", "loaded_at", "metric_values", "metrics", "postcode_districts", "postcode_sectors", "server_version", "sites", "trusts"]
    ACTIONS_FIELD_NUMBER: _ClassVar[int]
    ATTRIBUTION_FIELD_NUMBER: _ClassVar[int]
    COVERAGE_FIELD_NUMBER: _ClassVar[int]
    DATA_VERSION_FIELD_NUMBER: _ClassVar[int]
    FULL_POSTCODES_FIELD_NUMBER: _ClassVar[int]
    LATEST_QUARTER_FIELD_NUMBER: _ClassVar[int]
    LOADED_AT_FIELD_NUMBER: _ClassVar[int]
    METRICS_FIELD_NUMBER: _ClassVar[int]
    METRIC_VALUES_FIELD_NUMBER: _ClassVar[int]
    POSTCODE_DISTRICTS_FIELD_NUMBER: _ClassVar[int]
    POSTCODE_SECTORS_FIELD_NUMBER: _ClassVar[int]
    SERVER_VERSION_FIELD_NUMBER: _ClassVar[int]
    SITES_FIELD_NUMBER: _ClassVar[int]
    TRUSTS_FIELD_NUMBER: _ClassVar[int]
    actions: int
    attribution: str
    coverage: _containers.RepeatedCompositeFieldContainer[TableCoverage]
    data_version: str
    full_postcodes: int
    latest_quarter: str
    loaded_at: str
    metric_values: int
    metrics: int
    postcode_districts: int
    postcode_sectors: int
    server_version: str
    sites: int
    trusts: int
    def __init__(self, server_version: _Optional[str] = ..., data_version: _Optional[str] = ..., coverage: _Optional[_Iterable[_Union[TableCoverage, _Mapping]]] = ..., trusts: _Optional[int] = ..., sites: _Optional[int] = ..., postcode_sectors: _Optional[int] = ..., postcode_districts: _Optional[int] = ..., actions: _Optional[int] = ..., latest_quarter: _Optional[str] = ..., loaded_at: _Optional[str] = ..., attribution: _Optional[str] = ..., full_postcodes: _Optional[int] = ..., metrics: _Optional[int] = ..., metric_values: _Optional[int] = ...) -> None: ...

class ServerInfoRequest(_message.Message):
    __slots__ = []
    def __init__(self) -> None: ...

class Status(_message.Message):
    __slots__ = ["code", "message"]
    CODE_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    code: Code
    message: str
    def __init__(self, code: _Optional[_Union[Code, str]] = ..., message: _Optional[str] = ...) -> None: ...

class TableCoverage(_message.Message):
    __slots__ = ["period", "published", "quarter", "table", "table_size", "with_domain_scores", "with_position", "with_score", "with_segment"]
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    PUBLISHED_FIELD_NUMBER: _ClassVar[int]
    QUARTER_FIELD_NUMBER: _ClassVar[int]
    TABLE_FIELD_NUMBER: _ClassVar[int]
    TABLE_SIZE_FIELD_NUMBER: _ClassVar[int]
    WITH_DOMAIN_SCORES_FIELD_NUMBER: _ClassVar[int]
    WITH_POSITION_FIELD_NUMBER: _ClassVar[int]
    WITH_SCORE_FIELD_NUMBER: _ClassVar[int]
    WITH_SEGMENT_FIELD_NUMBER: _ClassVar[int]
    period: str
    published: str
    quarter: str
    table: LeagueTableKind
    table_size: int
    with_domain_scores: int
    with_position: int
    with_score: int
    with_segment: int
    def __init__(self, quarter: _Optional[str] = ..., table: _Optional[_Union[LeagueTableKind, str]] = ..., table_size: _Optional[int] = ..., with_position: _Optional[int] = ..., with_segment: _Optional[int] = ..., with_score: _Optional[int] = ..., with_domain_scores: _Optional[int] = ..., published: _Optional[str] = ..., period: _Optional[str] = ...) -> None: ...

class Trust(_message.Message):
    __slots__ = ["close_date", "former_codes", "hq_latitude", "hq_longitude", "hq_postcode", "latest", "latest_note", "name", "ods_code", "open_date", "region", "site_count", "successor_code", "table", "trust_subtype", "trust_type"]
    CLOSE_DATE_FIELD_NUMBER: _ClassVar[int]
    FORMER_CODES_FIELD_NUMBER: _ClassVar[int]
    HQ_LATITUDE_FIELD_NUMBER: _ClassVar[int]
    HQ_LONGITUDE_FIELD_NUMBER: _ClassVar[int]
    HQ_POSTCODE_FIELD_NUMBER: _ClassVar[int]
    LATEST_FIELD_NUMBER: _ClassVar[int]
    LATEST_NOTE_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    ODS_CODE_FIELD_NUMBER: _ClassVar[int]
    OPEN_DATE_FIELD_NUMBER: _ClassVar[int]
    REGION_FIELD_NUMBER: _ClassVar[int]
    SITE_COUNT_FIELD_NUMBER: _ClassVar[int]
    SUCCESSOR_CODE_FIELD_NUMBER: _ClassVar[int]
    TABLE_FIELD_NUMBER: _ClassVar[int]
    TRUST_SUBTYPE_FIELD_NUMBER: _ClassVar[int]
    TRUST_TYPE_FIELD_NUMBER: _ClassVar[int]
    close_date: str
    former_codes: _containers.RepeatedScalarFieldContainer[str]
    hq_latitude: float
    hq_longitude: float
    hq_postcode: str
    latest: Ranking
    latest_note: str
    name: str
    ods_code: str
    open_date: str
    region: str
    site_count: int
    successor_code: str
    table: LeagueTableKind
    trust_subtype: str
    trust_type: str
    def __init__(self, ods_code: _Optional[str] = ..., name: _Optional[str] = ..., table: _Optional[_Union[LeagueTableKind, str]] = ..., region: _Optional[str] = ..., trust_type: _Optional[str] = ..., trust_subtype: _Optional[str] = ..., hq_postcode: _Optional[str] = ..., hq_latitude: _Optional[float] = ..., hq_longitude: _Optional[float] = ..., open_date: _Optional[str] = ..., close_date: _Optional[str] = ..., latest: _Optional[_Union[Ranking, _Mapping]] = ..., latest_note: _Optional[str] = ..., site_count: _Optional[int] = ..., former_codes: _Optional[_Iterable[str]] = ..., successor_code: _Optional[str] = ...) -> None: ...

class TrustDetail(_message.Message):
    __slots__ = ["caveats", "main_hospitals", "metric_highlights", "sites", "trust"]
    CAVEATS_FIELD_NUMBER: _ClassVar[int]
    MAIN_HOSPITALS_FIELD_NUMBER: _ClassVar[int]
    METRIC_HIGHLIGHTS_FIELD_NUMBER: _ClassVar[int]
    SITES_FIELD_NUMBER: _ClassVar[int]
    TRUST_FIELD_NUMBER: _ClassVar[int]
    caveats: _containers.RepeatedScalarFieldContainer[str]
    main_hospitals: _containers.RepeatedCompositeFieldContainer[HospitalSite]
    metric_highlights: MetricStrengths
    sites: _containers.RepeatedCompositeFieldContainer[HospitalSite]
    trust: Trust
    def __init__(self, trust: _Optional[_Union[Trust, _Mapping]] = ..., sites: _Optional[_Iterable[_Union[HospitalSite, _Mapping]]] = ..., caveats: _Optional[_Iterable[str]] = ..., main_hospitals: _Optional[_Iterable[_Union[HospitalSite, _Mapping]]] = ..., metric_highlights: _Optional[_Union[MetricStrengths, _Mapping]] = ...) -> None: ...

class TrustHistoryRequest(_message.Message):
    __slots__ = ["ods_code"]
    ODS_CODE_FIELD_NUMBER: _ClassVar[int]
    ods_code: str
    def __init__(self, ods_code: _Optional[str] = ...) -> None: ...

class TrustHistoryResult(_message.Message):
    __slots__ = ["caveats", "rankings", "trust"]
    CAVEATS_FIELD_NUMBER: _ClassVar[int]
    RANKINGS_FIELD_NUMBER: _ClassVar[int]
    TRUST_FIELD_NUMBER: _ClassVar[int]
    caveats: _containers.RepeatedScalarFieldContainer[str]
    rankings: _containers.RepeatedCompositeFieldContainer[Ranking]
    trust: Trust
    def __init__(self, trust: _Optional[_Union[Trust, _Mapping]] = ..., rankings: _Optional[_Iterable[_Union[Ranking, _Mapping]]] = ..., caveats: _Optional[_Iterable[str]] = ...) -> None: ...

class TrustMatch(_message.Message):
    __slots__ = ["alias_source", "also_provides_services_here", "field", "former_ods_code", "headline", "kind", "matched_text", "score", "site", "site_code", "successor_note", "trust"]
    ALIAS_SOURCE_FIELD_NUMBER: _ClassVar[int]
    ALSO_PROVIDES_SERVICES_HERE_FIELD_NUMBER: _ClassVar[int]
    FIELD_FIELD_NUMBER: _ClassVar[int]
    FORMER_ODS_CODE_FIELD_NUMBER: _ClassVar[int]
    HEADLINE_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    MATCHED_TEXT_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    SITE_CODE_FIELD_NUMBER: _ClassVar[int]
    SITE_FIELD_NUMBER: _ClassVar[int]
    SUCCESSOR_NOTE_FIELD_NUMBER: _ClassVar[int]
    TRUST_FIELD_NUMBER: _ClassVar[int]
    alias_source: str
    also_provides_services_here: _containers.RepeatedScalarFieldContainer[str]
    field: MatchField
    former_ods_code: str
    headline: str
    kind: MatchKind
    matched_text: str
    score: float
    site: HospitalSite
    site_code: str
    successor_note: str
    trust: Trust
    def __init__(self, trust: _Optional[_Union[Trust, _Mapping]] = ..., kind: _Optional[_Union[MatchKind, str]] = ..., field: _Optional[_Union[MatchField, str]] = ..., matched_text: _Optional[str] = ..., score: _Optional[float] = ..., site_code: _Optional[str] = ..., alias_source: _Optional[str] = ..., site: _Optional[_Union[HospitalSite, _Mapping]] = ..., headline: _Optional[str] = ..., also_provides_services_here: _Optional[_Iterable[str]] = ..., former_ods_code: _Optional[str] = ..., successor_note: _Optional[str] = ...) -> None: ...

class TrustMetricsRequest(_message.Message):
    __slots__ = ["ods_code", "quarter"]
    ODS_CODE_FIELD_NUMBER: _ClassVar[int]
    QUARTER_FIELD_NUMBER: _ClassVar[int]
    ods_code: str
    quarter: str
    def __init__(self, ods_code: _Optional[str] = ..., quarter: _Optional[str] = ...) -> None: ...

class TrustMetricsResult(_message.Message):
    __slots__ = ["available_quarters", "caveats", "domains", "note", "provenance", "quarter", "quarter_defaulted", "source_line", "table", "trust"]
    AVAILABLE_QUARTERS_FIELD_NUMBER: _ClassVar[int]
    CAVEATS_FIELD_NUMBER: _ClassVar[int]
    DOMAINS_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    PROVENANCE_FIELD_NUMBER: _ClassVar[int]
    QUARTER_DEFAULTED_FIELD_NUMBER: _ClassVar[int]
    QUARTER_FIELD_NUMBER: _ClassVar[int]
    SOURCE_LINE_FIELD_NUMBER: _ClassVar[int]
    TABLE_FIELD_NUMBER: _ClassVar[int]
    TRUST_FIELD_NUMBER: _ClassVar[int]
    available_quarters: _containers.RepeatedScalarFieldContainer[str]
    caveats: _containers.RepeatedScalarFieldContainer[str]
    domains: _containers.RepeatedCompositeFieldContainer[MetricDomain]
    note: str
    provenance: _containers.RepeatedScalarFieldContainer[str]
    quarter: str
    quarter_defaulted: bool
    source_line: str
    table: LeagueTableKind
    trust: Trust
    def __init__(self, trust: _Optional[_Union[Trust, _Mapping]] = ..., quarter: _Optional[str] = ..., table: _Optional[_Union[LeagueTableKind, str]] = ..., quarter_defaulted: bool = ..., note: _Optional[str] = ..., domains: _Optional[_Iterable[_Union[MetricDomain, _Mapping]]] = ..., available_quarters: _Optional[_Iterable[str]] = ..., source_line: _Optional[str] = ..., provenance: _Optional[_Iterable[str]] = ..., caveats: _Optional[_Iterable[str]] = ...) -> None: ...

class Code(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = []

class LeagueTableKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = []

class MatchKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = []

class MatchField(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = []

class LocationPrecision(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = []

class BetterWhen(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = []

class QuartileStanding(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = []

class RankDerivation(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = []
