import ResponderEngine

extension ModelCache {
    /// The cache every command uses: at its usual place, keyed by this build's version.
    static let cli = ModelCache.standard(engineVersion: ResponderVersion.current)
}
