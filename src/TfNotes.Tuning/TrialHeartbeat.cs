using TfNotes.Tuning.Storage;

namespace TfNotes.Tuning;

/// <summary>
/// Refreshes a running trial's heartbeat on a thread of its own, so a busy thread pool or a long objective cannot
/// delay the beats past the grace period and get a live trial failed as stale.
/// </summary>
internal sealed class TrialHeartbeat : IDisposable
{
    private readonly IStorage _storage;
    private readonly long _trialId;
    private readonly TimeSpan _interval;
    private readonly ManualResetEventSlim _stop = new();
    private readonly Thread _thread;

    public TrialHeartbeat(IStorage storage, long trialId, TimeSpan interval)
    {
        _storage = storage;
        _trialId = trialId;
        _interval = interval;
        _thread = new Thread(Run) { IsBackground = true, Name = $"heartbeat of trial {trialId}" };
        _thread.Start();
    }

    private void Run()
    {
        while (!_stop.Wait(_interval))
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
    }

    public void Dispose()
    {
        _stop.Set();
        _thread.Join();
        _stop.Dispose();
    }
}
