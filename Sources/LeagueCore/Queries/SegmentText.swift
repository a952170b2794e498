/// Plain-English meaning of an NHS Oversight Framework segment.
public enum SegmentText {
    /// Segments 1-4 come from the average metric score (then adjusted, e.g. by the
    /// finance rule); 5 marks intensive support through the Recovery Support Programme.
    public static func meaning(_ segment: Int) -> String {
        switch segment {
        case 1: "the best-performing segment of four"
        case 2: "the second of four segments"
        case 3: "the third of four segments"
        case 4: "the lowest-performing segment of four"
        case 5: "intensive support through the Recovery Support Programme"
        default: "not a published segment"
        }
    }
}
