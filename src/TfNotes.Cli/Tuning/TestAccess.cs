using System.Runtime.CompilerServices;

// The tuning tests drive the objective and the study settings directly (memory across 200 trials).
[assembly: InternalsVisibleTo("TfNotes.Cli.Tests")]
