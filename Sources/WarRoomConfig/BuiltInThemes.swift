// GENERATED from themes/*.toml by Tests/WarRoomConfigTests/BuiltInThemesSourceTests.swift; do not edit.
// After editing or adding a theme file: WARROOM_RECORD_GOLDENS=1 swift test --filter BuiltInThemesSource
// (it rewrites this file and fails once on purpose), then run it again to see it pass.
// Embedded so an installed binary finds the themes from any working directory.

/// The text of the built-in theme files, by name.
enum BuiltInThemes {
    /// The built-in names, the default first.
    static let names = ["dark", "high-contrast", "light", "monochrome"]

    /// The file text of a built-in theme.
    static func text(_ name: String) -> String? {
        switch name {
        case "dark": dark
        case "high-contrast": highContrast
        case "light": light
        case "monochrome": monochrome
        default: nil
        }
    }

    static let dark = #"""
# warroom theme: dark (the default), for a dark terminal background.
#
# One [role] table per semantic role. Keys:
#   fg, bg     a colour: a name (default, black, red, green, yellow, blue, magenta, cyan, white,
#              bright-black … bright-white, grey), a palette index 0-255, or "#rrggbb"
#              (mapped to the nearest entry of the 256-colour palette)
#   bold, dim, reverse, underline, italic   true or false
# A role left out looks like the role it falls back to ([timeboxWarning] like [warning],
# [sev1] like [overdue], … down to [text]). Copy this file to ~/.config/warroom/themes/NAME.toml
# to make your own, and select it with `theme = "NAME"` in ~/.config/warroom/config.toml.

name = "dark"

# Text in general
[text]

[muted]
fg = 245

[border]
fg = 240

[focusBorder]
fg = "bright-cyan"
bold = true

[title]
fg = "bright-white"
bold = true

[selection]
fg = "bright-white"
bg = 24

# Severity badges and lifecycle
[sev1]
fg = "bright-white"
bg = 160
bold = true

[sev2]
fg = 16
bg = 208
bold = true

[sev3]
fg = 16
bg = 220

[sev4]
fg = "bright-white"
bg = 240

[status]
fg = 117
bold = true

# Urgency
[overdue]
fg = 196
bold = true

[warning]
fg = 220

[ok]
fg = 77

[info]
fg = 75

# Timeline rows
[timestamp]
fg = 246
dim = true

[author]
fg = 180

[note]

[action]
fg = 110

[decision]
fg = 141

[finding]
fg = 114

[comms]
fg = 179

[system]
fg = 244
italic = true

[retracted]
fg = 240
dim = true

# Roster
[roleHolder]
fg = 114

[roleVacant]
fg = 196
bold = true
reverse = true

# Countdown and timeboxes
[countdown]
fg = "bright-white"
bold = true

[bigDigits]
fg = "bright-white"
bold = true

[barFilled]
fg = 39

[barEmpty]
fg = 238

# The last minutes of a timebox: the bar changes before it expires.
[timeboxWarning]
fg = 214
bold = true

[expired]
fg = 196
bold = true

# Input line and footer
[prompt]
fg = 75
bold = true

[input]

[inputError]
fg = 196
bold = true

[inputInfo]
fg = 245

[footerKey]
fg = 16
bg = 250
bold = true

[footerText]
fg = 250

"""#

    static let highContrast = #"""
# warroom theme: high-contrast. Bold, the terminal's pure colours, and reverse video for every
# alert (severity badges, overdue, warning, vacant roles, expired timeboxes, input errors), so
# alerts read from across the room. Format: see dark.toml.

name = "high-contrast"

# Text in general
[text]
fg = "bright-white"

[muted]
fg = "white"

[border]
fg = "white"

[focusBorder]
fg = "bright-yellow"
bold = true

[title]
fg = "bright-white"
bold = true

[selection]
bold = true
reverse = true

# Severity badges and lifecycle
[sev1]
fg = "bright-red"
bold = true
reverse = true

[sev2]
fg = "bright-yellow"
bold = true
reverse = true

[sev3]
fg = "bright-cyan"
bold = true
reverse = true

[sev4]
fg = "bright-white"
bold = true
reverse = true

[status]
fg = "bright-white"
bold = true

# Urgency
[overdue]
fg = "bright-red"
bold = true
reverse = true

[warning]
fg = "bright-yellow"
bold = true
reverse = true

[ok]
fg = "bright-green"
bold = true

[info]
fg = "bright-cyan"
bold = true

# Timeline rows
[timestamp]
fg = "white"

[author]
fg = "bright-white"
bold = true

[note]
fg = "bright-white"

[action]
fg = "bright-cyan"
bold = true

[decision]
fg = "bright-magenta"
bold = true

[finding]
fg = "bright-green"
bold = true

[comms]
fg = "bright-yellow"
bold = true

[system]
fg = "white"

[retracted]
fg = "white"
italic = true

# Roster
[roleHolder]
fg = "bright-green"
bold = true

[roleVacant]
fg = "bright-red"
bold = true
reverse = true

# Countdown and timeboxes
[countdown]
fg = "bright-white"
bold = true

[bigDigits]
fg = "bright-white"
bold = true

[barFilled]
fg = "bright-cyan"
bold = true

[barEmpty]
fg = "white"

# The last minutes of a timebox: the bar changes before it expires.
[timeboxWarning]
fg = "bright-yellow"
bold = true
underline = true

[expired]
fg = "bright-red"
bold = true
reverse = true

# Input line and footer
[prompt]
fg = "bright-yellow"
bold = true

[input]
fg = "bright-white"

[inputError]
fg = "bright-red"
bold = true
reverse = true

[inputInfo]
fg = "bright-cyan"

[footerKey]
bold = true
reverse = true

[footerText]
fg = "bright-white"

"""#

    static let light = #"""
# warroom theme: light, for a light terminal background: dark foregrounds, pale badges.
# Format: see dark.toml.

name = "light"

# Text in general
[text]

[muted]
fg = 242

[border]
fg = 248

[focusBorder]
fg = 25
bold = true

[title]
fg = 16
bold = true

[selection]
fg = 16
bg = 153

# Severity badges and lifecycle
[sev1]
fg = 231
bg = 160
bold = true

[sev2]
fg = 16
bg = 214
bold = true

[sev3]
fg = 16
bg = 222

[sev4]
fg = 16
bg = 252

[status]
fg = 25
bold = true

# Urgency
[overdue]
fg = 160
bold = true

[warning]
fg = 130
bold = true

[ok]
fg = 28

[info]
fg = 25

# Timeline rows
[timestamp]
fg = 244

[author]
fg = 94

[note]

[action]
fg = 25

[decision]
fg = 90

[finding]
fg = 28

[comms]
fg = 130

[system]
fg = 242
italic = true

[retracted]
fg = 248

# Roster
[roleHolder]
fg = 28

[roleVacant]
fg = 160
bold = true
reverse = true

# Countdown and timeboxes
[countdown]
fg = 16
bold = true

[bigDigits]
fg = 16
bold = true

[barFilled]
fg = 25

[barEmpty]
fg = 252

# The last minutes of a timebox: the bar changes before it expires.
[timeboxWarning]
fg = 166
bold = true

[expired]
fg = 160
bold = true

# Input line and footer
[prompt]
fg = 25
bold = true

[input]

[inputError]
fg = 160
bold = true

[inputInfo]
fg = 242

[footerKey]
fg = 231
bg = 238
bold = true

[footerText]
fg = 238

"""#

    static let monochrome = #"""
# warroom theme: monochrome. No colours at all, only bold, dim, reverse and underline, so every
# alert stays distinguishable on a terminal without colour. Used whenever NO_COLOR is set.
# Format: see dark.toml.

name = "monochrome"

# Text in general
[text]

[muted]
dim = true

[border]
dim = true

[focusBorder]
bold = true

[title]
bold = true

[selection]
reverse = true

# Severity badges and lifecycle: each level looks different from the others and from text.
[sev1]
bold = true
reverse = true

[sev2]
reverse = true

[sev3]
bold = true
underline = true

[sev4]
underline = true

[status]
bold = true

# Urgency
[overdue]
bold = true
reverse = true

[warning]
bold = true
underline = true

[ok]

[info]

# Timeline rows
[timestamp]
dim = true

[author]
bold = true

[note]

[action]
underline = true

[decision]
bold = true

[finding]
italic = true

[comms]

[system]
dim = true

[retracted]
dim = true
italic = true

# Roster
[roleHolder]
bold = true

[roleVacant]
reverse = true

# Countdown and timeboxes
[countdown]
bold = true

[bigDigits]
bold = true

[barFilled]
reverse = true

[barEmpty]
dim = true

# The last minutes of a timebox: the bar changes before it expires.
[timeboxWarning]
bold = true
underline = true

[expired]
bold = true
reverse = true
underline = true

# Input line and footer
[prompt]
bold = true

[input]

[inputError]
bold = true
underline = true

[inputInfo]
dim = true

[footerKey]
reverse = true

[footerText]

"""#
}
