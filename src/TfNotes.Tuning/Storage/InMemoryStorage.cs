using TfNotes.Tuning.Distributions;

namespace TfNotes.Tuning.Storage;

/// <summary>Studies in this process only, lost on exit: for notebooks, quick experiments and tests.</summary>
public sealed class InMemoryStorage : IStorage
{
    private readonly object _lock = new();
    private readonly List<(string Name, StudyDirection Direction)> _studies = new();
    private readonly List<TrialRecord> _trials = new();

    public int CreateOrLoadStudy(string name, StudyDirection direction)
    {
        lock (_lock)
        {
            var id = _studies.FindIndex(s => s.Name == name);
            if (id < 0)
            {
                _studies.Add((name, direction));
                return _studies.Count - 1;
            }
            if (_studies[id].Direction != direction)
                throw new InvalidOperationException($"study '{name}' exists with direction {_studies[id].Direction}");
            return id;
        }
    }

    public TrialSlot TryCreateTrial(int studyId, int maxFinishedTrials, int phase, TimeSpan staleAfter)
    {
        lock (_lock)
        {
            FailStaleTrials(studyId, staleAfter);
            var trials = _trials.Where(t => t.StudyId == studyId).ToList();
            var finished = trials.Count(t => t.State.IsFinished());
            var running = trials.Count(t => t.State == TrialState.Running);
            if (finished >= maxFinishedTrials) return new TrialSlot(TrialSlotStatus.BudgetReached);
            if (finished + running >= maxFinishedTrials) return new TrialSlot(TrialSlotStatus.Wait);
            var now = DateTimeOffset.UtcNow;
            var record = new TrialRecord
            {
                Id = _trials.Count, StudyId = studyId, Number = trials.Count, Phase = phase,
                StartedAt = now, HeartbeatAt = now,
            };
            _trials.Add(record);
            return new TrialSlot(TrialSlotStatus.Created, record.Id, record.Number);
        }
    }

    public int FailStaleTrials(int studyId, TimeSpan staleAfter)
    {
        lock (_lock)
        {
            var now = DateTimeOffset.UtcNow;
            var stale = _trials.Where(t => t.StudyId == studyId && t.State == TrialState.Running && now - t.HeartbeatAt > staleAfter).ToList();
            foreach (var t in stale)
            {
                t.State = TrialState.Fail;
                t.FailureReason = StaleHeartbeat.Reason;
                t.CompletedAt = now;
            }
            return stale.Count;
        }
    }

    public void RecordHeartbeat(long trialId)
    {
        lock (_lock)
        {
            var t = _trials[(int)trialId];
            if (t.State == TrialState.Running) t.HeartbeatAt = DateTimeOffset.UtcNow;
        }
    }

    public void SetParam(long trialId, string name, double internalValue, Distribution distribution)
    {
        lock (_lock) _trials[(int)trialId].Params[name] = (internalValue, distribution);
    }

    public void SetIntermediateValue(long trialId, int step, double value)
    {
        lock (_lock) _trials[(int)trialId].IntermediateValues[step] = value;
    }

    public void SetAttribute(long trialId, string key, string value)
    {
        lock (_lock) _trials[(int)trialId].Attributes[key] = value;
    }

    public bool FinishTrial(long trialId, TrialState state, double? value, string? failureReason)
    {
        lock (_lock)
        {
            var t = _trials[(int)trialId];
            if (t.State != TrialState.Running) return false;
            t.State = state;
            t.Value = value;
            t.FailureReason = failureReason;
            t.CompletedAt = DateTimeOffset.UtcNow;
            return true;
        }
    }

    public IReadOnlyList<FrozenTrial> GetTrials(int studyId)
    {
        lock (_lock) return _trials.Where(t => t.StudyId == studyId).Select(t => t.Freeze()).ToList();
    }

    public FrozenTrial GetTrial(long trialId)
    {
        lock (_lock) return _trials[(int)trialId].Freeze();
    }

    public void Dispose()
    {
    }

    private sealed class TrialRecord
    {
        public int Id;
        public int StudyId;
        public int Number;
        public int Phase;
        public TrialState State;
        public double? Value;
        public string? FailureReason;
        public DateTimeOffset StartedAt;
        public DateTimeOffset? CompletedAt;
        public DateTimeOffset HeartbeatAt;
        public readonly Dictionary<string, (double Value, Distribution Distribution)> Params = new();
        public readonly Dictionary<int, double> IntermediateValues = new();
        public readonly Dictionary<string, string> Attributes = new();

        public FrozenTrial Freeze() => new()
        {
            Id = Id, Number = Number, State = State, Value = Value, Phase = Phase,
            Params = Params.ToDictionary(p => p.Key, p => p.Value.Distribution.ToExternal(p.Value.Value)),
            InternalParams = Params.ToDictionary(p => p.Key, p => p.Value.Value),
            Distributions = Params.ToDictionary(p => p.Key, p => p.Value.Distribution),
            IntermediateValues = new Dictionary<int, double>(IntermediateValues),
            Attributes = new Dictionary<string, string>(Attributes),
            StartedAt = StartedAt, CompletedAt = CompletedAt, FailureReason = FailureReason,
        };
    }
}
