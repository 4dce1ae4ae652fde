using System.Globalization;
using TfNotes.Keras.Saving;

namespace TfNotes.Train;

/// <summary>
/// <c>tf.random</c>'s generators: <c>name/global_generator</c> (libtorch's global generator, which ops without a seed,
/// initializers, dropout and fit's shuffling draw from), <c>name/global_seed</c> and <c>name/op_seed/&lt;seed&gt;</c>
/// (the sequence of each op seed used so far), so the values drawn after a restore are those that followed the save.
/// </summary>
internal sealed class TrackedRandom(string name, RandomApi random) : Trackable(name)
{
    internal override string Kind => "random";

    string Global => $"{Name}/global_generator";
    string Seed => $"{Name}/global_seed";
    string OpSeed => $"{Name}/op_seed/";

    internal override void Save(List<(string Name, StoredTensor Value)> values, CheckpointPaths paths)
    {
        var state = random.Capture();
        try
        {
            values.Add((Global, StoredTensor.Of(state.Global)));
            values.Add((Seed, CheckpointValues.Scalar(state.GlobalSeed)));
            foreach (var (seed, generator) in state.OpSeeds.OrderBy(e => e.Key))
                values.Add(($"{OpSeed}{seed.ToString(CultureInfo.InvariantCulture)}", StoredTensor.Of(generator)));
        }
        finally
        {
            state.Global.Dispose();
            foreach (var generator in state.OpSeeds.Values) generator.Dispose();
        }
    }

    internal override Action Plan(RestoreContext context)
    {
        if (!context.Values.TryGetValue(Global, out var global) || global.DType != DType.UInt8 || global.Shape.ndim != 1)
            throw context.Mismatch($"it has no generator state '{Global}' (a uint8 vector)");
        var seed = context.Expect(Seed, CheckpointValues.ScalarShape, DType.Int64);
        var opSeeds = new Dictionary<long, StoredTensor>();
        foreach (var key in context.Under(OpSeed))
        {
            if (!long.TryParse(key, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long opSeed)) throw context.Mismatch($"'{OpSeed}{key}' is not an op seed");
            opSeeds[opSeed] = context.Values[OpSeed + key];
        }
        return () =>
        {
            using var globalState = global.ToNative();
            var states = opSeeds.ToDictionary(e => e.Key, e => e.Value.ToNative());
            try
            {
                random.Restore(new(globalState, CheckpointValues.Int64(seed), states));
            }
            finally
            {
                foreach (var state in states.Values) state.Dispose();
            }
        };
    }
}
