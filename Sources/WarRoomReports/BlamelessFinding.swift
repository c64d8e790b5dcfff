/// A sentence that frames a failure as a person's fault, and how to reframe it.
public struct BlamelessFinding: Hashable, Sendable {
    /// The sentence as written, on one line and sanitized (safe to print).
    public var sentence: String
    /// The person blamed, as the sentence spells them (`bob`, `@erin`); nil for "human error"
    /// and the like, which blame without naming.
    public var person: String?
    /// The blaming phrase found: `forgot`, `should have`, `caused by`, `human error`.
    public var phrase: String
    /// How to say it as what the system lacked.
    public var suggestion: String
    /// Where the sentence is in the record (`What Went Poorly`, `Why #2`, `Timeline 14:32 UTC`);
    /// nil when checking loose text.
    public var location: String?

    /// A finding from its parts.
    public init(sentence: String, person: String?, phrase: String, suggestion: String, location: String? = nil) {
        self.sentence = sentence
        self.person = person
        self.phrase = phrase
        self.suggestion = suggestion
        self.location = location
    }
}
