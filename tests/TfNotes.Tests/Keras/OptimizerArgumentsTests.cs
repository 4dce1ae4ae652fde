using TfNotes.Keras.Optimizers;
using static TfNotes.Binding;

namespace TfNotes.Tests.Keras;

/// <summary>
/// Keras 3's optimizer arguments against its update rules written out in float64: weight decay (decoupled), the
/// three clippings, Adam's amsgrad, learning-rate schedules, building on the first call and named slots.
/// </summary>
public class OptimizerArgumentsTests
{
    static Variable Var(params float[] values) => tf.Variable(tf.constant(values), name: "kernel");

    static void Step(Optimizer optimizer, Variable w, params float[] gradient) =>
        optimizer.apply_gradients(zip(new Tensor?[] { tf.constant(gradient) }, new[] { w }));

    [Fact]
    public void Adam_weight_decay_is_keras_decoupled_rule_before_the_update()
    {
        double lr = 0.01, wd = 0.1, b1 = 0.9, b2 = 0.999, eps = 1e-7;
        double[] w = [1.0, 2.0], m = [0, 0], v = [0, 0];
        double[][] grads = [[0.1, 0.2], [-0.3, 0.4], [0.5, -0.1]];
        var variable = Var(1f, 2f);
        var adam = tf.keras.optimizers.Adam(lr, weight_decay: wd);
        for (int t = 1; t <= grads.Length; t++)
        {
            double alpha = lr * Math.Sqrt(1 - Math.Pow(b2, t)) / (1 - Math.Pow(b1, t));
            for (int i = 0; i < 2; i++)
            {
                w[i] -= w[i] * wd * lr;
                m[i] = b1 * m[i] + (1 - b1) * grads[t - 1][i];
                v[i] = b2 * v[i] + (1 - b2) * grads[t - 1][i] * grads[t - 1][i];
                w[i] -= alpha * m[i] / (Math.Sqrt(v[i]) + eps);
            }
            Step(adam, variable, Array.ConvertAll(grads[t - 1], g => (float)g));
        }
        Hand.Close(w, Hand.Vector(variable), 1e-6, "w");
    }

    [Fact]
    public void Sgd_weight_decay_and_its_exclusions()
    {
        var kept = tf.Variable(tf.constant(new[] { 2f }), name: "bias");
        var decayed = Var(2f);
        var sgd = tf.keras.optimizers.SGD(0.1, weight_decay: 0.5);
        sgd.exclude_from_weight_decay(var_names: ["bias"]);
        sgd.apply_gradients(zip(new Tensor?[] { tf.constant(new[] { 1f }), tf.constant(new[] { 1f }) }, new[] { decayed, kept }));
        Hand.Close(2 - 2 * 0.5 * 0.1 - 0.1 * 1, Hand.Vector(decayed)[0], 1e-7, "decayed");
        Hand.Close(2 - 0.1 * 1, Hand.Vector(kept)[0], 1e-7, "excluded");
        Assert.Throws<InvalidOperationException>(() => sgd.exclude_from_weight_decay(var_names: ["kernel"]));
    }

    [Fact]
    public void Clipnorm_global_clipnorm_and_clipvalue()
    {
        var w = Var(0f, 0f);
        Step(tf.keras.optimizers.SGD(1.0, clipnorm: 1.0), w, 3f, 4f);          // ‖g‖ = 5 → g/5
        Hand.Close([-0.6, -0.8], Hand.Vector(w), 1e-7, "clipnorm");
        var small = Var(0f, 0f);
        Step(tf.keras.optimizers.SGD(1.0, clipnorm: 10.0), small, 3f, 4f);     // below the norm: unchanged
        Hand.Close([-3, -4], Hand.Vector(small), 1e-7, "clipnorm below");

        var a = Var(0f, 0f);
        var b = tf.Variable(tf.constant(new[] { 0f }), name: "bias");
        tf.keras.optimizers.SGD(1.0, global_clipnorm: 1.0).apply_gradients(
            zip(new Tensor?[] { tf.constant(new[] { 3f, 4f }), tf.constant(new[] { 12f }) }, new[] { a, b })); // global norm 13
        Hand.Close([-3.0 / 13, -4.0 / 13], Hand.Vector(a), 1e-7, "global a");
        Hand.Close([-12.0 / 13], Hand.Vector(b), 1e-7, "global b");

        var c = Var(0f, 0f);
        Step(tf.keras.optimizers.SGD(1.0, clipvalue: 0.5), c, -2f, 0.3f);
        Hand.Close([0.5, -0.3], Hand.Vector(c), 1e-7, "clipvalue");

        var e = Assert.Throws<ArgumentException>(() => tf.keras.optimizers.Adam(clipnorm: 1.0, clipvalue: 1.0));
        Assert.Contains("Only one of `clipnorm`, `clipvalue` and `global_clipnorm` can be set", e.Message);
    }

    [Fact]
    public void Adam_amsgrad_divides_by_the_largest_velocity_seen()
    {
        double lr = 0.1, b1 = 0.9, b2 = 0.999, eps = 1e-7, w = 1, m = 0, v = 0, vHat = 0;
        var variable = Var(1f);
        var adam = tf.keras.optimizers.Adam(lr, amsgrad: true);
        double[] grads = [1.0, 0.01, 0.01, -0.02];
        for (int t = 1; t <= grads.Length; t++)
        {
            m = b1 * m + (1 - b1) * grads[t - 1];
            v = b2 * v + (1 - b2) * grads[t - 1] * grads[t - 1];
            vHat = Math.Max(vHat, v);
            w -= lr * Math.Sqrt(1 - Math.Pow(b2, t)) / (1 - Math.Pow(b1, t)) * m / (Math.Sqrt(vHat) + eps);
            Step(adam, variable, (float)grads[t - 1]);
        }
        Assert.True(vHat > v, "the test must exercise v̂ > v");
        Hand.Close(w, Hand.Vector(variable)[0], 1e-6, "w");
        Hand.Close(vHat, Hand.Vector(adam.get_slot(variable, "velocity_hat"))[0], 1e-6, "v̂");
    }

    [Fact]
    public void Schedules_give_keras_values()
    {
        var exponential = tf.keras.optimizers.schedules.ExponentialDecay(0.1, decay_steps: 10, decay_rate: 0.5);
        Hand.Close(0.1 * Math.Pow(0.5, 0.5), exponential.Call(5), 1e-15, "exponential");
        Hand.Close(0.1, tf.keras.optimizers.schedules.ExponentialDecay(0.1, 10, 0.5, staircase: true).Call(5), 1e-15, "staircase");
        Hand.Close(0.05, tf.keras.optimizers.schedules.ExponentialDecay(0.1, 10, 0.5, staircase: true).Call(10), 1e-15, "staircase step");

        var piecewise = tf.keras.optimizers.schedules.PiecewiseConstantDecay([10, 20], [1.0, 0.5, 0.1]);
        Assert.Equal([1.0, 1.0, 0.5, 0.5, 0.1], new long[] { 0, 10, 11, 20, 21 }.Select(piecewise.Call));
        Assert.Throws<ArgumentException>(() => tf.keras.optimizers.schedules.PiecewiseConstantDecay([10], [1.0]));

        var cosine = tf.keras.optimizers.schedules.CosineDecay(1.0, decay_steps: 10, alpha: 0.1);
        Hand.Close(1.0, cosine.Call(0), 1e-15, "cosine 0");
        Hand.Close(0.9 * 0.5 + 0.1, cosine.Call(5), 1e-15, "cosine 5");
        Hand.Close(0.1, cosine.Call(20), 1e-15, "cosine after");
        var warm = tf.keras.optimizers.schedules.CosineDecay(0.0, 10, warmup_target: 1.0, warmup_steps: 10);
        Assert.Equal([0.0, 0.5, 1.0], new long[] { 0, 5, 10 }.Select(warm.Call).Select(x => Math.Round(x, 12)));
        Hand.Close(0.5, warm.Call(15), 1e-12, "warm cosine 15");
    }

    [Fact]
    public void An_optimizer_with_a_schedule_uses_the_rate_of_each_step_and_cannot_be_set()
    {
        var w = Var(0f);
        var sgd = tf.keras.optimizers.SGD(tf.keras.optimizers.schedules.PiecewiseConstantDecay([0, 1], [1.0, 0.5, 0.25]));
        Assert.Equal(1.0, sgd.learning_rate);
        for (int i = 0; i < 3; i++) Step(sgd, w, 1f);   // steps at iterations 0, 1, 2: lr 1, 0.5, 0.25
        Hand.Close(-1.75, Hand.Vector(w)[0], 1e-7, "w");
        Assert.Equal(0.25, sgd.learning_rate);
        Assert.Contains("not settable", Assert.Throws<InvalidOperationException>(() => sgd.learning_rate = 0.1).Message);
    }

    [Fact]
    public void The_first_call_builds_the_optimizer_and_other_variables_are_unknown()
    {
        var a = Var(1f);
        var b = tf.Variable(tf.constant(new[] { 1f }), name: "other");
        var adam = tf.keras.optimizers.Adam();
        Assert.Throws<InvalidOperationException>(() => adam.apply([tf.constant(new[] { 1f })]));
        Step(adam, a, 1f);
        Assert.True(adam.built);
        var e = Assert.Throws<ArgumentException>(() => Step(adam, b, 1f));
        Assert.Contains("Unknown variable", e.Message);
        Assert.Contains("other", e.Message);
        Assert.Contains("recreate a new optimizer instance", e.Message);
        adam.apply([tf.constant(new[] { 1f })]);   // gradients alone, for the variables it was built with
        Assert.Equal(2, adam.iterations);
    }

    [Fact]
    public void Slots_have_keras_names_and_are_listed_in_variables()
    {
        var w = Var(1f, 2f);
        var adam = tf.keras.optimizers.Adam(0.1);
        Step(adam, w, 0.5f, -1f);
        Hand.Close([0.05, -0.1], Hand.Vector(adam.get_slot(w, "momentum")), 1e-7, "m = (1 − β1)·g");
        Hand.Close([0.00025, 0.001], Hand.Vector(adam.get_slot(w, "velocity")), 1e-7, "v = (1 − β2)·g²");
        Assert.Equal(["iteration", "learning_rate", "kernel_momentum", "kernel_velocity"], adam.variables.Select(v => v.name));
        Assert.Equal(DType.Int64, adam.variables[0].dtype);
        Assert.Equal(1L, (long)adam.variables[0]);
        Assert.Contains("momentum", Assert.Throws<ArgumentException>(() => tf.keras.optimizers.SGD(momentum: 0.9).get_slot(w, "velocity")).Message);
        var sgd = tf.keras.optimizers.SGD(0.1, momentum: 0.9);
        Step(sgd, w, 1f, 1f);
        Assert.Equal(["iteration", "learning_rate", "kernel_momentum"], sgd.variables.Select(v => v.name));
        var rms = tf.keras.optimizers.RMSprop(momentum: 0.5, centered: true);
        Step(rms, w, 1f, 1f);
        Assert.Equal(["iteration", "learning_rate", "kernel_velocity", "kernel_momentum", "kernel_average_gradient"], rms.variables.Select(v => v.name));
    }

    [Fact]
    public void Optimizers_by_keras_name()
    {
        Assert.IsType<Adam>((Optimizer)"adam");
        Assert.IsType<SGD>((Optimizer)"SGD");
        Assert.Equal(0.001, ((Optimizer)"rmsprop").learning_rate);
        Assert.Contains("adagrad", Assert.Throws<ArgumentException>(() => (Optimizer)"adagrad").Message);
    }
}
