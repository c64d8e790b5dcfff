/// Paths as text: how every file warroom names (store, config, themes, the log) is put together,
/// so a `$XDG_…` value with or without its trailing `/` gives the same path everywhere.
public enum PathText {
    /// `directory` and `rest` with exactly the one `/` between them that `directory` may already end with.
    public static func joined(_ directory: String, _ rest: String) -> String {
        directory.hasSuffix("/") ? directory + rest : directory + "/" + rest
    }
}
