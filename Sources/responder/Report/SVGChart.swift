import Foundation

/// Small inline SVG charts for the HTML report: drawn here, no script, no network.
enum SVGChart {
    /// One series of a chart.
    struct Series {
        let name: String
        let color: String
        let values: [Double?]
    }

    static let width = 720.0
    static let height = 220.0
    private static let left = 64.0
    private static let right = 48.0
    private static let top = 18.0
    private static let bottom = 40.0

    /// Stacked bars (one stack per label) against the left axis, and lines against the right
    /// axis (0 to `lineMaximum`); `marked` labels get a red band.
    static func bars(
        labels: [String], stacked: [Series], lines: [Series] = [], lineMaximum: Double = 1,
        lineFormat: (Double) -> String = { "\(Int(($0 * 100).rounded()))%" }, marked: Set<Int> = [], title: String
    ) -> String {
        let totals = labels.indices.map { index in stacked.reduce(0) { $0 + ($1.values[index] ?? 0) } }
        let maximum = niceMaximum(totals.max() ?? 0)
        var svg = open(title: title)
        svg += axis(maximum: maximum, format: { format($0) }, side: .left)
        if !lines.isEmpty { svg += axis(maximum: lineMaximum, format: lineFormat, side: .right) }
        let slot = plotWidth / Double(max(labels.count, 1))
        for index in labels.indices {
            let x = left + Double(index) * slot
            if marked.contains(index) {
                svg += rect(x: x, y: top, width: slot, height: plotHeight, fill: "#fde2e1")
            }
            var base = 0.0
            for series in stacked {
                let value = series.values[index] ?? 0
                guard value > 0 else { continue }
                let y = yFor(base + value, maximum: maximum)
                svg += rect(
                    x: x + slot * 0.15, y: y, width: slot * 0.7, height: yFor(base, maximum: maximum) - y,
                    fill: series.color, title: "\(labels[index]): \(series.name) \(format(value))")
                base += value
            }
        }
        for series in lines {
            svg += polyline(series.values, slot: slot, maximum: lineMaximum, color: series.color, name: series.name)
        }
        svg += xLabels(labels, slot: slot)
        svg += legend(stacked + lines)
        return svg + "</svg>"
    }

    /// Lines against one axis (0 to the largest value); `marked` labels get a red band and dot.
    static func lines(
        labels: [String], series: [Series], unit: String, marked: Set<Int> = [], title: String
    ) -> String {
        let maximum = niceMaximum(series.flatMap { $0.values.compactMap { $0 } }.max() ?? 0)
        var svg = open(title: title)
        svg += axis(maximum: maximum, format: { "\(format($0)) \(unit)" }, side: .left)
        let slot = plotWidth / Double(max(labels.count, 1))
        for index in marked.sorted() {
            svg += rect(x: left + Double(index) * slot, y: top, width: slot, height: plotHeight, fill: "#fde2e1")
        }
        for line in series {
            svg += polyline(line.values, slot: slot, maximum: maximum, color: line.color, name: line.name)
        }
        for index in marked.sorted() {
            if let value = series.first?.values[index] {
                let x = left + (Double(index) + 0.5) * slot
                svg +=
                    "<circle cx=\"\(f(x))\" cy=\"\(f(yFor(value, maximum: maximum)))\" r=\"5\" fill=\"none\" stroke=\"#c0392b\" stroke-width=\"2\"><title>anomalous: \(format(value)) \(unit)</title></circle>"
            }
        }
        svg += xLabels(labels, slot: slot)
        svg += legend(series)
        return svg + "</svg>"
    }

    /// Grouped bars, one group per label, each series a bar, with its value written above.
    static func groupedBars(
        labels: [String], series: [Series], maximum fixed: Double? = nil, valueFormat: (Double) -> String = format,
        title: String
    ) -> String {
        let maximum = fixed ?? niceMaximum(series.flatMap { $0.values.compactMap { $0 } }.max() ?? 0)
        var svg = open(title: title)
        svg += axis(maximum: maximum, format: { format($0) }, side: .left)
        let slot = plotWidth / Double(max(labels.count, 1))
        let bar = slot * 0.7 / Double(max(series.count, 1))
        for index in labels.indices {
            for (position, line) in series.enumerated() {
                guard let value = line.values[index] else { continue }
                let x = left + Double(index) * slot + slot * 0.15 + Double(position) * bar
                let y = yFor(value, maximum: maximum)
                svg += rect(
                    x: x, y: y, width: bar * 0.9, height: top + plotHeight - y, fill: line.color,
                    title: "\(labels[index]): \(line.name) \(valueFormat(value))")
                svg +=
                    "<text x=\"\(f(x + bar * 0.45))\" y=\"\(f(y - 4))\" text-anchor=\"middle\" class=\"value\">\(escape(valueFormat(value)))</text>"
            }
        }
        svg += xLabels(labels, slot: slot)
        svg += legend(series)
        return svg + "</svg>"
    }

    /// A tiny line of `values` for a table cell.
    static func sparkline(_ values: [Double?], color: String = "#2c6fbb", label: String = "trend") -> String {
        let known = values.compactMap { $0 }
        guard known.count > 1, let low = known.min(), let high = known.max() else { return "" }
        let span = high - low == 0 ? 1 : high - low
        var points: [String] = []
        for (index, value) in values.enumerated() {
            guard let value else { continue }
            let x = Double(index) / Double(max(values.count - 1, 1)) * 118 + 1
            let y = 23 - (value - low) / span * 22
            points.append("\(f(x)),\(f(y))")
        }
        return
            "<svg class=\"spark\" viewBox=\"0 0 120 24\" width=\"120\" height=\"24\" role=\"img\" aria-label=\"\(escape(label))\"><polyline fill=\"none\" stroke=\"\(color)\" stroke-width=\"1.5\" points=\"\(points.joined(separator: " "))\"/></svg>"
    }

    // MARK: - Parts

    private enum Side { case left, right }

    private static var plotWidth: Double { width - left - right }
    private static var plotHeight: Double { height - top - bottom }

    private static func open(title: String) -> String {
        "<svg class=\"chart\" viewBox=\"0 0 \(f(width)) \(f(height))\" role=\"img\" aria-label=\"\(escape(title))\"><title>\(escape(title))</title>"
    }

    private static func yFor(_ value: Double, maximum: Double) -> Double {
        top + plotHeight - (maximum == 0 ? 0 : value / maximum * plotHeight)
    }

    private static func axis(maximum: Double, format: (Double) -> String, side: Side) -> String {
        var svg = ""
        for step in 0...4 {
            let value = maximum * Double(step) / 4
            let y = yFor(value, maximum: maximum)
            if side == .left {
                svg +=
                    "<line x1=\"\(f(left))\" x2=\"\(f(width - right))\" y1=\"\(f(y))\" y2=\"\(f(y))\" class=\"grid\"/>"
                svg +=
                    "<text x=\"\(f(left - 6))\" y=\"\(f(y + 4))\" text-anchor=\"end\" class=\"tick\">\(escape(format(value)))</text>"
            } else {
                svg +=
                    "<text x=\"\(f(width - right + 6))\" y=\"\(f(y + 4))\" class=\"tick\">\(escape(format(value)))</text>"
            }
        }
        return svg
    }

    private static func polyline(_ values: [Double?], slot: Double, maximum: Double, color: String, name: String)
        -> String
    {
        var svg = ""
        var run: [String] = []
        func flush() {
            if run.count > 1 {
                svg +=
                    "<polyline fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\" points=\"\(run.joined(separator: " "))\"/>"
            }
            run = []
        }
        for (index, value) in values.enumerated() {
            guard let value else {
                flush()
                continue
            }
            let x = left + (Double(index) + 0.5) * slot
            let y = yFor(min(value, maximum), maximum: maximum)
            run.append("\(f(x)),\(f(y))")
            svg +=
                "<circle cx=\"\(f(x))\" cy=\"\(f(y))\" r=\"2.5\" fill=\"\(color)\"><title>\(escape(name)): \(escape(format(value)))</title></circle>"
        }
        flush()
        return svg
    }

    private static func xLabels(_ labels: [String], slot: Double) -> String {
        // At most about 16 labels, so they do not overlap.
        let every = max(1, Int((Double(labels.count) / 16).rounded(.up)))
        var svg = ""
        for (index, label) in labels.enumerated() where index % every == 0 {
            let x = left + (Double(index) + 0.5) * slot
            svg +=
                "<text x=\"\(f(x))\" y=\"\(f(height - bottom + 14))\" text-anchor=\"middle\" class=\"tick\">\(escape(label))</text>"
        }
        return svg
    }

    private static func legend(_ series: [Series]) -> String {
        var svg = ""
        var x = left
        for line in series {
            svg += "<rect x=\"\(f(x))\" y=\"\(f(height - 14))\" width=\"10\" height=\"10\" fill=\"\(line.color)\"/>"
            svg += "<text x=\"\(f(x + 14))\" y=\"\(f(height - 5))\" class=\"tick\">\(escape(line.name))</text>"
            x += 14 + Double(line.name.count) * 6.5 + 16
        }
        return svg
    }

    private static func rect(x: Double, y: Double, width: Double, height: Double, fill: String, title: String? = nil)
        -> String
    {
        let body = title.map { "<title>\(escape($0))</title>" } ?? ""
        return
            "<rect x=\"\(f(x))\" y=\"\(f(y))\" width=\"\(f(max(width, 0)))\" height=\"\(f(max(height, 0)))\" fill=\"\(fill)\">\(body)</rect>"
    }

    /// A round number at least `value`, for an axis's top.
    static func niceMaximum(_ value: Double) -> Double {
        guard value > 0 else { return 1 }
        let magnitude = pow(10, floor(log10(value)))
        for step in [1.0, 2, 2.5, 5, 10] where step * magnitude >= value { return step * magnitude }
        return 10 * magnitude
    }

    /// `12`, `3.5`, `0.25`: a value for a label.
    static func format(_ value: Double) -> String {
        if value == value.rounded() && abs(value) < 1e9 { return String(Int(value)) }
        return abs(value) >= 100 ? String(format: "%.0f", value) : String(format: "%.3g", value)
    }

    private static func f(_ value: Double) -> String { String(format: "%.1f", value) }

    /// `text` safe inside HTML or SVG text and attributes.
    static func escape(_ text: String) -> String {
        var output = ""
        for character in text {
            switch character {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            case "'": output += "&#39;"
            default: output.append(character)
            }
        }
        return output
    }
}
