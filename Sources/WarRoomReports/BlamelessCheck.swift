import WarRoomCore
import WarRoomText

/// Flags sentences that blame a person, as the method's blameless rule asks: never "X caused the
/// outage", always "the system allowed this failure mode". An export only warns; marking the
/// post-mortem final needs no flagged sentence left (or `--force`, which the document records).
///
/// A sentence is flagged when a person is the subject or agent of a blaming phrase: "caused",
/// "broke", "forgot", "failed to", "should have", "didn't", "pushed a bad", "messed up",
/// "mistake", "fault", "careless", "negligent", "blame" and the like ("alice forgot…", "bob's push
/// caused…", "caused by carol", "we blame dave", "alice ran the script and broke…"). A person is a
/// name from `people` (whole words, any case, possessive `alice's` included), any `@name`, a
/// pronoun (he, she, someone, somebody, I; "they" only with phrases only a person fits, such as
/// "forgot"), a role noun ("the on-call engineer", "the reviewer", "an SRE"), or a capitalised word
/// that is no known system, product or common word ("Bob", but not "Kafka", "Checkout" or
/// "Deploys") with a human-blame phrase or "caused"/"failed to". "Human error", "operator error"
/// and "user error" are flagged with or without a name. A sentence where a system is the subject
/// ("the check failed to catch it", "Postgres ran out of connections"), or where the person only
/// did or saw something ("alice noticed the alert", "bob rolled back"), is not flagged.
public enum BlamelessCheck {
    /// The blaming sentences of `text`, one finding per sentence, in order.
    public static func findings(in text: String, people: Set<String>) -> [BlamelessFinding] {
        let names = BlameGrammar.names(people)
        return BlameGrammar.sentences(text).compactMap { sentence in
            BlameGrammar.check(sentence, names: names)
        }
    }

    /// Every finding in the post-mortem's texts, contributing factors, 5 whys and the live
    /// timeline entries, with `state.people` as the names; each says where it was found.
    public static func findings(in state: IncidentState) -> [BlamelessFinding] {
        var sources: [(location: String, text: String)] = []
        for section in PostmortemSection.allCases {
            if let text = state.postmortem.texts[section] { sources.append((section.heading, text)) }
        }
        for level in FactorLevel.allCases {
            if let text = state.postmortem.factors[level] { sources.append((level.label, text)) }
        }
        for (index, why) in state.postmortem.whys.enumerated() { sources.append(("Why #\(index + 1)", why)) }
        for item in state.timeline where item.kind.isEntry && !item.isRetracted {
            sources.append(("Timeline \(item.at.dateOnly) \(item.at.hourMinute) UTC (\(item.kind.rawValue))", item.text))
        }
        return sources.flatMap { source in
            findings(in: source.text, people: state.people).map { finding in
                var finding = finding
                finding.location = source.location
                return finding
            }
        }
    }

    /// What to ask instead of who: the general reframing.
    static let systemSuggestion = "Describe what allowed this, not who did it: which guardrail, alert or test was missing? "
        + "e.g. 'The deploy pipeline did not validate the config.'"
    /// For hindsight phrases (should have, forgot, didn't, failed to, missed).
    static let hindsightSuggestion = "Hindsight framing: describe what the system did not require, check or show at the "
        + "time — which guardrail, alert or test was missing? e.g. 'Nothing required the migration tests before a deploy.'"
    /// For "human error" and its kin.
    static let humanErrorSuggestion = "'Human error' ends the inquiry too early: describe what made the error possible and "
        + "what would have caught it, e.g. 'The runbook step had no confirmation and no alert fired.'"
}
