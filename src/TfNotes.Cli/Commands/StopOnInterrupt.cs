using System.Runtime.InteropServices;

namespace TfNotes.Cli.Commands;

/// <summary>
/// The first Ctrl-C (SIGINT) or SIGTERM cancels <see cref="Token"/>, so training stops after the current step and
/// leaves its run folder complete; a second one terminates the process as usual (unless told otherwise: a tuning
/// worker gets the terminal's signal and its coordinator's, and leaves the ending to the coordinator).
/// </summary>
internal sealed class StopOnInterrupt : IDisposable
{
    readonly CancellationTokenSource source = new();
    readonly PosixSignalRegistration[] registrations;

    readonly bool secondSignalTerminates;

    public StopOnInterrupt(bool secondSignalTerminates = true)
    {
        this.secondSignalTerminates = secondSignalTerminates;
        registrations = [PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop), PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop)];
    }

    public CancellationToken Token => source.Token;

    void Stop(PosixSignalContext context)
    {
        context.Cancel = !source.IsCancellationRequested || !secondSignalTerminates;
        source.Cancel();
    }

    public void Dispose()
    {
        foreach (var registration in registrations) registration.Dispose();
        source.Dispose();
    }
}
