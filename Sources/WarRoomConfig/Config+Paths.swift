extension Config {
    /// Where warroom keeps its files, per the XDG base-directory spec:
    /// `config` = `$XDG_CONFIG_HOME/warroom/config.toml` (else `~/.config/warroom/config.toml`),
    /// `themes` = the `themes` folder beside it, `state` = `$XDG_STATE_HOME/warroom` (else
    /// `~/.local/state/warroom`, where the diagnostic log goes). Relative or empty XDG values are
    /// ignored, as the spec says. HOME comes from `environment`; without an absolute HOME the
    /// fallbacks are rooted at `/`, which holds no config, so the defaults apply.
    public static func paths(environment: [String: String]) -> (config: String, themes: String, state: String) {
        let home = absolute(environment["HOME"]) ?? "/"
        let configHome = absolute(environment["XDG_CONFIG_HOME"]) ?? join(home, ".config")
        let stateHome = absolute(environment["XDG_STATE_HOME"]) ?? join(home, ".local/state")
        let configDirectory = join(configHome, "warroom")
        return (config: join(configDirectory, "config.toml"),
                themes: join(configDirectory, "themes"),
                state: join(stateHome, "warroom"))
    }

    private static func absolute(_ value: String?) -> String? {
        guard let value, value.hasPrefix("/") else { return nil }
        return value
    }

    private static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }
}
