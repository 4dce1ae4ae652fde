using TfNotes.Tuning.Distributions;

namespace TfNotes.Tuning.Storage;

/// <summary>Studies in this process only, lost on exit: for notebooks, quick experiments and tests.</summary>
public sealed class InMemoryStorage : IStorage
{
    private readonly object _lock = new();
    private readonly List<StudyRecord> _studies = new();
    private readonly List<TrialRecord> _trials = new();

    /// <inheritdoc/>
    public int CreateOrLoadStudy(string name, StudyDirection direction)
    {
        lock (_lock)
        {
            var id = _studies.FindIndex(s => s.Name == name);
            if (id < 0)
            {
                _studies.Add(new StudyRecord(name, direction));
                return _studies.Count - 1;
            }
            if (_studies[id].Direction != direction)
                throw new InvalidOperationException($"study '{name}' exists with direction {_studies[id].Direction}, not {direction}");
            return id;
        }
    }

    /// <inheritdoc/>
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
            var now = DateTimeOffset.Now;
            var record = new TrialRecord { Id = _trials.Count, StudyId = studyId, Number = trials.Count, StartedAt = now, HeartbeatAt = now };
            if (phase > 0) record.SystemAttributes[FrozenTrial.PhaseKey] = (double)phase;
            _trials.Add(record);
            return new TrialSlot(TrialSlotStatus.Created, record.Id, record.Number);
        }
    }

    /// <inheritdoc/>
    public int FailStaleTrials(int studyId, TimeSpan staleAfter)
    {
        lock (_lock)
        {
            var now = DateTimeOffset.Now;
            var stale = _trials.Where(t => t.StudyId == studyId && t.State == TrialState.Running && now - t.HeartbeatAt > staleAfter).ToList();
            foreach (var t in stale)
            {
                t.State = TrialState.Fail;
                t.SystemAttributes[FrozenTrial.FailReasonKey] = StaleHeartbeat.Reason;
                t.CompletedAt = now;
            }
            return stale.Count;
        }
    }

    /// <inheritdoc/>
    public void RecordHeartbeat(long trialId)
    {
        lock (_lock)
        {
            var t = _trials[(int)trialId];
            if (t.State == TrialState.Running) t.HeartbeatAt = DateTimeOffset.Now;
        }
    }

    /// <inheritdoc/>
    public void SetParam(long trialId, string name, double internalValue, Distribution distribution)
    {
        lock (_lock)
        {
            var trial = _trials[(int)trialId];
            var earlier = _trials.FirstOrDefault(t => t.StudyId == trial.StudyId && t.Id != trial.Id && t.Params.ContainsKey(name));
            if (earlier is not null && !earlier.Params[name].Distribution.IsSameKind(distribution))
                throw Trial.KindChanged(name, earlier.Params[name].Distribution, distribution, $"trial {earlier.Number}");
            trial.Params[name] = (internalValue, distribution);
        }
    }

    /// <inheritdoc/>
    public void SetIntermediateValue(long trialId, int step, double value)
    {
        lock (_lock) _trials[(int)trialId].IntermediateValues[step] = value;
    }

    /// <inheritdoc/>
    public void SetUserAttribute(long trialId, string key, object? value)
    {
        lock (_lock) _trials[(int)trialId].UserAttributes[key] = AttributeJson.Decode(AttributeJson.Encode(value));
    }

    /// <inheritdoc/>
    public void SetSystemAttribute(long trialId, string key, object? value)
    {
        lock (_lock) _trials[(int)trialId].SystemAttributes[key] = AttributeJson.Decode(AttributeJson.Encode(value));
    }

    /// <inheritdoc/>
    public bool FinishTrial(long trialId, TrialState state, double? value, string? failureReason)
    {
        lock (_lock)
        {
            var t = _trials[(int)trialId];
            if (t.State != TrialState.Running) return false;
            t.State = state;
            t.Value = value;
            if (failureReason is not null) t.SystemAttributes[FrozenTrial.FailReasonKey] = failureReason;
            t.CompletedAt = DateTimeOffset.Now;
            return true;
        }
    }

    /// <inheritdoc/>
    public IReadOnlyList<FrozenTrial> GetTrials(int studyId)
    {
        lock (_lock) return _trials.Where(t => t.StudyId == studyId).Select(t => t.Freeze()).ToList();
    }

    /// <inheritdoc/>
    public FrozenTrial GetTrial(long trialId)
    {
        lock (_lock) return _trials[(int)trialId].Freeze();
    }

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, object?> GetStudySystemAttributes(int studyId)
    {
        lock (_lock) return new Dictionary<string, object?>(_studies[studyId].SystemAttributes);
    }

    /// <inheritdoc/>
    public void SetStudySystemAttribute(int studyId, string key, object? value)
    {
        lock (_lock) _studies[studyId].SystemAttributes[key] = AttributeJson.Decode(AttributeJson.Encode(value));
    }

    /// <summary>Nothing to release: the studies live in this object.</summary>
    public void Dispose()
    {
    }

    private sealed record StudyRecord(string Name, StudyDirection Direction)
    {
        public readonly Dictionary<string, object?> SystemAttributes = new();
    }

    private sealed class TrialRecord
    {
        public int Id;
        public int StudyId;
        public int Number;
        public TrialState State;
        public double? Value;
        public DateTimeOffset StartedAt;
        public DateTimeOffset? CompletedAt;
        public DateTimeOffset HeartbeatAt;
        public readonly Dictionary<string, (double Value, Distribution Distribution)> Params = new();
        public readonly Dictionary<int, double> IntermediateValues = new();
        public readonly Dictionary<string, object?> UserAttributes = new();
        public readonly Dictionary<string, object?> SystemAttributes = new();

        public FrozenTrial Freeze() => new()
        {
            Id = Id, Number = Number, State = State, Value = Value,
            Params = Params.ToDictionary(p => p.Key, p => p.Value.Distribution.ToExternal(p.Value.Value)),
            InternalParams = Params.ToDictionary(p => p.Key, p => p.Value.Value),
            Distributions = Params.ToDictionary(p => p.Key, p => p.Value.Distribution),
            IntermediateValues = new Dictionary<int, double>(IntermediateValues),
            UserAttributes = new Dictionary<string, object?>(UserAttributes),
            SystemAttributes = new Dictionary<string, object?>(SystemAttributes),
            StartedAt = StartedAt, CompletedAt = CompletedAt,
        };
    }
}
