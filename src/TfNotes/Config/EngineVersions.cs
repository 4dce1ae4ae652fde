namespace TfNotes;

/// <summary>The engine's versions: the TorchSharp binding and the libtorch it runs.</summary>
public sealed record EngineVersions(string TorchSharp, string Libtorch);
