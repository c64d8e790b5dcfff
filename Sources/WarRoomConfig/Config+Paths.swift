import WarRoomCore
extension Config {
    /// Where warroom keeps its files, per the XDG base-directory spec:
    /// `config` = `$XDG_CONFIG_HOME/warroom/config.toml` (else `~/.config/warroom/config.toml`),
    /// `themes` = the `themes` folder beside it, `state` = `$XDG_STATE_HOME/warroom` (else
    /// `~/.local/state/warroom`, where the diagnostic log goes). Relative or empty XDG values are
    /// ignored, as the spec says. HOME comes from `environment`; without an absolute HOME the
    /// fallbacks are rooted at `/`, which holds no config, so the defaults apply.
    public static func paths(environment: [String: String]) -> (config: String, themes: String, state: String) {
        let home = absolute(environment["HOME"]) ?? "/"
        let configHome = absolute(environment["XDG_CONFIG_HOME"]) ?? PathText.joined(home, ".config")
        let stateHome = absolute(environment["XDG_STATE_HOME"]) ?? PathText.joined(home, ".local/state")
        let configDirectory = PathText.joined(configHome, "warroom")
        return (config: PathText.joined(configDirectory, "config.toml"),
                themes: PathText.joined(configDirectory, "themes"),
                state: PathText.joined(stateHome, "warroom"))
    }

    private static func absolute(_ value: String?) -> String? {
        guard let value, value.hasPrefix("/") else { return nil }
        return value
    }
}
