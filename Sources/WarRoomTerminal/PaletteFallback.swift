/// Maps entries of the 256-colour palette onto terminals that have fewer colours.
enum PaletteFallback {
    /// The xterm defaults for the 16 basic colours; the 256 palette builds on them.
    static let basicRGB: [(Int, Int, Int)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]
    static let cubeLevels = [0, 95, 135, 175, 215, 255]
    /// Basic colours that have a hue (everything but black, white and the two greys).
    static let chromaticBasics = [1, 2, 3, 4, 5, 6, 9, 10, 11, 12, 13, 14]
    /// Below this spread between the strongest and weakest channel a colour counts as a grey.
    static let chromaThreshold = 60

    /// The colour number to use for palette entry `index` on a terminal with `colors` colours,
    /// and whether it is a bright colour that only bold can show (8-colour terminals).
    static func color(_ index: UInt8, colors: Int) -> (color: Int32, bright: Bool) {
        if colors >= 256 { return (Int32(index), false) }
        let basic = index < 16 ? Int(index) : nearestBasic(index)
        if colors >= 16 { return (Int32(basic), false) }
        return basic >= 8 ? (Int32(basic - 8), true) : (Int32(basic), false)
    }

    /// The RGB value xterm gives palette entry `index`.
    static func rgb(_ index: UInt8) -> (Int, Int, Int) {
        let n = Int(index)
        if n < 16 { return basicRGB[n] }
        if n < 232 {
            let i = n - 16
            return (cubeLevels[i / 36], cubeLevels[(i / 6) % 6], cubeLevels[i % 6])
        }
        let grey = 8 + 10 * (n - 232)
        return (grey, grey, grey)
    }

    /// The nearest of the 16 basic colours. A colour with a clear hue keeps a hue (dark blue
    /// becomes blue, not black), so roles stay told apart by colour.
    static func nearestBasic(_ index: UInt8) -> Int {
        let (r, g, b) = rgb(index)
        let chroma = max(r, g, b) - min(r, g, b)
        let candidates = chroma >= chromaThreshold ? chromaticBasics : Array(0..<16)
        var best = candidates[0], bestDistance = Int.max
        for candidate in candidates {
            let (cr, cg, cb) = basicRGB[candidate]
            let distance = (r - cr) * (r - cr) + (g - cg) * (g - cg) + (b - cb) * (b - cb)
            if distance < bestDistance { best = candidate; bestDistance = distance }
        }
        return best
    }
}
