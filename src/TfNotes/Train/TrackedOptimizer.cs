using TfNotes.Keras.Optimizers;
using TfNotes.Keras.Saving;

namespace TfNotes.Train;

/// <summary>
/// An optimizer: <c>name/iteration</c> (int64), <c>name/learning_rate</c> (float64, unless it is a schedule, which
/// follows from the iteration) and each slot as <c>name/slots/&lt;variable path&gt;/&lt;slot&gt;</c> in build order, the
/// variable path being the one its model or variable has in the checkpoint. Restoring into an optimizer not built yet
/// builds it for the stored variables in that order (TensorFlow defers this to the first step; the result is the same).
/// </summary>
internal sealed class TrackedOptimizer(string name, Optimizer optimizer) : Trackable(name)
{
    internal override string Kind => $"optimizer:{optimizer.GetType().Name}";

    string Iteration => $"{Name}/iteration";
    string Rate => $"{Name}/learning_rate";
    string Slots => $"{Name}/slots/";

    internal override void Save(List<(string Name, StoredTensor Value)> values, CheckpointPaths paths)
    {
        values.Add((Iteration, CheckpointValues.Scalar(optimizer.iterations)));
        if (!optimizer.HasSchedule) values.Add((Rate, CheckpointValues.Scalar(optimizer.learning_rate)));
        var slotNames = optimizer.SlotNamesForCheckpoint;
        for (int i = 0; i < optimizer.BuiltFor.Count; i++)
        {
            var variable = optimizer.BuiltFor[i];
            var path = paths.PathOf(variable) ?? throw new InvalidOperationException(
                $"Checkpoint: optimizer '{Name}' updates variable '{variable.name}' {variable.shape}, which no object of this checkpoint holds; " +
                "track its model (or the variable) in the checkpoint too");
            var slots = optimizer.SlotsOf(i);
            for (int s = 0; s < slots.Count; s++) values.Add(($"{Slots}{path}/{slotNames[s]}", StoredTensor.Of(slots[s])));
        }
    }

    internal override Action Plan(RestoreContext context)
    {
        long iterations = CheckpointValues.Int64(context.Expect(Iteration, CheckpointValues.ScalarShape, DType.Int64));
        double? rate = !optimizer.HasSchedule && context.Values.ContainsKey(Rate)
            ? CheckpointValues.Float64(context.Expect(Rate, CheckpointValues.ScalarShape, DType.Float64)) : null;
        var slotNames = optimizer.SlotNamesForCheckpoint;
        var stored = context.Under(Slots);
        var storedPaths = stored.Select(k => k[..k.LastIndexOf('/')]).Distinct().ToList();
        foreach (var key in stored)
            if (!slotNames.Contains(key[(key.LastIndexOf('/') + 1)..]))
                throw context.Mismatch($"optimizer '{Name}' ({optimizer.GetType().Name}, slots: {RestoreContext.Names(slotNames)}) has no slot for '{Slots}{key}'");

        List<Variable> variables;
        if (optimizer.built)
        {
            variables = optimizer.BuiltFor.ToList();
            var paths = variables.Select(v => context.Paths.PathOf(v) ?? throw context.Mismatch(
                $"optimizer '{Name}' updates variable '{v.name}', which no object of this checkpoint holds")).ToList();
            if (slotNames.Count > 0 && !paths.SequenceEqual(storedPaths))
                throw context.Mismatch($"optimizer '{Name}' is built for {RestoreContext.Names(paths)} but the file holds slots of {RestoreContext.Names(storedPaths)}");
        }
        else
            variables = storedPaths.Select(p => context.Paths.VariableAt(p) ?? throw context.Mismatch(
                $"the file holds optimizer slots of '{p}', which no object of this checkpoint has")).ToList();

        var values = variables.Select(v => slotNames.Select(slot => context.Expect($"{Slots}{context.Paths.PathOf(v)}/{slot}", v.shape, v.dtype)).ToList()).ToList();
        return () =>
        {
            if (!optimizer.built && variables.Count > 0) optimizer.build(variables);
            for (int i = 0; i < variables.Count; i++)
            {
                var slots = optimizer.SlotsOf(i);
                for (int s = 0; s < slots.Count; s++) CheckpointValues.Assign(slots[s], values[i][s]);
            }
            optimizer.Restore(iterations, rate);
        };
    }
}
