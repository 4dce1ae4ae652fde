using TfNotes.Tuning.Storage;

namespace TfNotes.Tuning;

/// <summary>Refreshes a running trial's heartbeat on a timer so other workers know its process is alive.</summary>
internal sealed class TrialHeartbeat : IDisposable
{
    private readonly IStorage _storage;
    private readonly long _trialId;
    private readonly Timer _timer;

    public TrialHeartbeat(IStorage storage, long trialId, TimeSpan interval)
    {
        _storage = storage;
        _trialId = trialId;
        _timer = new Timer(_ => Beat(), null, interval, interval);
    }

    private void Beat()
    {
        try
        {
            _storage.RecordHeartbeat(_trialId);
        }
        catch (Exception)
        {
            // A missed beat is harmless (the grace period covers several); the next tick tries again.
        }
    }

    public void Dispose()
    {
        using var done = new ManualResetEvent(false);
        if (_timer.Dispose(done)) done.WaitOne();
    }
}
