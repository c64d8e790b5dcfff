import WarRoomCore

extension WarRoomModel {
    /// Applies one message and returns the effects to carry out.
    public mutating func update(_ message: Message) -> [Effect] {
        switch message {
        case .tick(let instant):
            now = instant
            return []
        case .events(let events):
            let before = visibleRowsCount
            // In place: a fold onto a copy would duplicate the whole timeline per event.
            for event in events { incident.apply(event) }
            // Scrolled back: keep the same rows in view as new ones arrive below.
            if scrollBack > 0 { scrollBack += max(0, visibleRowsCount - before) }
            return []
        case .recordFailed(let reason, let source):
            if input.isEmpty { input.replace(with: source) } else if input.text != source { history.append(source) }
            self.notice = Notice(.error, reason + " — your text is back in the line")
            return []
        case .restoreDraft(let draft):
            input.replace(with: draft)
            self.notice = Notice(.info, "Restored the unsent text from last time: Enter records it, Ctrl-U clears it")
            return []
        case .terminate:
            return [.quit(draft: input.text)]
        case .input(.resize(let w, let h)):
            width = w
            height = h
            return []
        case .input(.paste(let text)):
            guard mode == .input else { return [] }
            notice = nil
            input.insert(text)
            return []
        case .input(.key(let key)):
            return handle(key)
        }
    }

    private var visibleRowsCount: Int { incident.timeline.count }

    private mutating func handle(_ key: Key) -> [Effect] {
        if key != .tab { completion = nil }
        if mode == .confirmQuit {
            switch key {
            case .character("y"), .character("Y"), .ctrl("q"): return [.quit(draft: input.text)]
            default:
                mode = .input
                notice = Notice(.info, "Still here; your text is kept")
                return []
            }
        }
        guard let action = KeyTable.action(for: key, in: mode) else {
            if mode == .input, case .character(let character) = key {
                notice = nil
                historyIndex = nil
                input.insert(String(character))
            } else if mode == .navigate, case .character(let character) = key, let digit = character.wholeNumberValue,
                      (1...Pane.allCases.count).contains(digit) {
                focusedPane = Pane.allCases[digit - 1]
            }
            return []
        }
        if mode == .input && action != .submit { notice = notice?.kind == .error ? notice : nil }
        return perform(action)
    }

    private mutating func perform(_ action: KeyAction) -> [Effect] {
        switch action {
        case .submit: return submit()
        case .complete: complete()
        case .historyBack: recall(-1)
        case .historyForward: recall(+1)
        case .cursorLeft: input.moveLeft()
        case .cursorRight: input.moveRight()
        case .cursorHome: input.home()
        case .cursorEnd: input.end()
        case .backspace: input.backspace()
        case .deleteForward: input.deleteForward()
        case .deleteWord: input.deleteWord()
        case .deleteToStart: input.deleteToStart()
        case .scrollUp:
            if mode == .help { helpScroll = max(0, helpScroll - 1) } else { scrollBack += 1 }
        case .scrollDown:
            if mode == .help { helpScroll += 1 } else { scrollBack = max(0, scrollBack - 1) }
        case .pageUp:
            if mode == .help { helpScroll = max(0, helpScroll - pageSize) } else { scrollBack += pageSize }
        case .pageDown:
            if mode == .help { helpScroll += pageSize } else { scrollBack = max(0, scrollBack - pageSize) }
        case .jumpNewest: scrollBack = 0
        case .jumpOldest: scrollBack = Int.max / 2
        case .help:
            mode = .help
            helpScroll = 0
        case .closeOverlay: mode = .input
        case .quit:
            guard input.isEmpty else {
                mode = .confirmQuit
                notice = Notice(.info, "Unsent text in the line. Quit anyway? y quits (the text is kept as a draft), any other key stays")
                return []
            }
            return [.quit(draft: "")]
        case .navigate: mode = .navigate
        case .backToInput: mode = .input
        case .nextPane:
            let panes = Pane.allCases
            focusedPane = panes[((panes.firstIndex(of: focusedPane) ?? 0) + 1) % panes.count]
        case .startFilter:
            mode = .input
            input.replace(with: "/filter ")
        case .redraw: return [.redraw]
        }
        return []
    }

    /// Rows a page scroll moves: most of the timeline pane.
    var pageSize: Int { max(1, height - 10) }

    private mutating func submit() -> [Effect] {
        let line = input.text
        guard !line.allSatisfy(\.isWhitespace) else { return [] }
        let action: InputAction
        do {
            action = try SlashCommands.parse(line, context: InputContext(state: incident, now: now))
        } catch {
            notice = Notice(.error, error.message)
            return []
        }
        if history.last != line { history.append(line) }
        historyIndex = nil
        switch action {
        case .record(let command, let at):
            if readOnly {
                notice = Notice(.error, "This is a read-only wall display: record from another terminal")
                return []
            }
            _ = input.take()
            scrollBack = 0
            notice = nil
            return [.record(command, at: at, source: line)]
        case .showHelp:
            _ = input.take()
            mode = .help
            helpScroll = 0
        case .quit:
            _ = input.take()
            return [.quit(draft: "")]
        case .filter(let filter):
            _ = input.take()
            self.filter = filter
            scrollBack = 0
            notice = Notice(.info, filter.map { "Filtered: \($0.summary) — /filter alone shows everything" } ?? "Showing every row")
        case .follow:
            _ = input.take()
            scrollBack = 0
        }
        return []
    }

    private mutating func recall(_ step: Int) {
        guard !history.isEmpty else { return }
        if historyIndex == nil {
            guard step < 0 else { return }
            stash = input.text
            historyIndex = history.count
        }
        let next = (historyIndex ?? history.count) + step
        if next >= history.count {
            historyIndex = nil
            input.replace(with: stash)
        } else {
            historyIndex = max(0, next)
            input.replace(with: history[max(0, next)])
        }
    }
}
