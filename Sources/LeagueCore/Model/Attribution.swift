extension Dataset {
    /// The attribution the data's licences require wherever answers from it are shown
    /// (Open Government Licence v3.0 for NHS England and ODS data; OS, Royal Mail and
    /// National Statistics for the postcode centroids).
    public static let attribution =
        "Contains NHS England and NHS Digital (ODS) data, Open Government Licence v3.0. "
        + "Contains OS data © Crown copyright and database right 2025; Contains Royal Mail data © Royal Mail copyright "
        + "and database right 2025; Contains National Statistics data © Crown copyright and database right 2025."
}
