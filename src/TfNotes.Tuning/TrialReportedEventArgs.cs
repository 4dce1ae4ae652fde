namespace TfNotes.Tuning;

/// <summary>An intermediate value just reported by a running trial.</summary>
public sealed record TrialReportedEventArgs(int TrialNumber, int Step, double Value);
