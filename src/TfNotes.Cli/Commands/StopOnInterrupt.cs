using System.Runtime.InteropServices;

namespace TfNotes.Cli.Commands;

/// <summary>
/// The first Ctrl-C (SIGINT) or SIGTERM cancels <see cref="Token"/>, so training stops after the current step and
/// leaves its run folder complete; a second one terminates the process as usual.
/// </summary>
internal sealed class StopOnInterrupt : IDisposable
{
    readonly CancellationTokenSource source = new();
    readonly PosixSignalRegistration[] registrations;

    public StopOnInterrupt() =>
        registrations = [PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop), PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop)];

    public CancellationToken Token => source.Token;

    void Stop(PosixSignalContext context)
    {
        context.Cancel = !source.IsCancellationRequested;
        source.Cancel();
    }

    public void Dispose()
    {
        foreach (var registration in registrations) registration.Dispose();
        source.Dispose();
    }
}
