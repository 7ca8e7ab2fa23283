import Foundation

extension Double {
    /// Rounded to `places` decimals: confidences, rates and times read better short.
    func rounded(places: Int) -> Double {
        let scale = pow(10, Double(places))
        return (self * scale).rounded() / scale
    }
}
