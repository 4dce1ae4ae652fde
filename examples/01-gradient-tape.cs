// 1 · GradientTape and Adam: the notes' first TensorFlow program, J(w) = w² − 10w + 25, minimized from w = 0.
// Run from the repository: dotnet run examples/01-gradient-tape.cs   (notebook: notebooks/01-gradient-tape.ipynb)
#:project ../src/TfNotes/TfNotes.csproj
#:package ScottPlot
using TfNotes;
using static TfNotes.Binding;

// The tape loop: forward, cost, gradient, Adam step.
var w = tf.Variable(0, dtype: tf.float32);
var optimizer = tf.keras.optimizers.Adam(0.1);
var history = new List<double> { 0 };
for (int i = 0; i < 1000; i++)
{
    using var tape = tf.GradientTape();
    var cost = w * w - 10 * w + 25;
    var grads = tape.gradient(cost, [w]);
    optimizer.apply_gradients(zip(grads, [w]));
    history.Add((double)w);
}
Console.WriteLine($"tape loop: {w}");

// The same with optimizer.minimize and the coefficients as data.
var w2 = tf.Variable(0, dtype: tf.float32);
var x = tf.constant(new float[] { 1.0f, -10.0f, 25.0f });
var optimizer2 = tf.keras.optimizers.Adam(0.1);
Tensor cost_fn() => x[0] * w2 * w2 + x[1] * w2 + x[2];
for (int i = 0; i < 1000; i++) optimizer2.minimize(cost_fn, [w2]);
Console.WriteLine($"minimize:  {w2}, optimizer.iterations = {optimizer2.iterations}");
if (Math.Abs((double)w - (double)w2) > 1e-5) throw new Exception("the tape loop and minimize disagree");

// Keras' Adam written out in float64 (ε outside the bias-corrected square root): the first steps agree.
double hw = 0, m = 0, v = 0;
Console.WriteLine("step   TfNotes   Keras by hand");
for (int t = 1; t <= 5; t++)
{
    double g = 2 * hw - 10;
    m = 0.9 * m + 0.1 * g;
    v = 0.999 * v + 0.001 * g * g;
    hw -= 0.1 * Math.Sqrt(1 - Math.Pow(0.999, t)) / (1 - Math.Pow(0.9, t)) * m / (Math.Sqrt(v) + 1e-7);
    Console.WriteLine($"{t,4}  {history[t],8:F6}  {hw,14:F6}");
    if (Math.Abs(history[t] - hw) > 1e-5) throw new Exception($"step {t}: TfNotes {history[t]}, Keras {hw}");
}

// Higher derivatives with a persistent tape.
var x3 = tf.constant(3.0f);
using (var tape = tf.GradientTape(persistent: true))
{
    tape.watch(x3);
    var y = x3 * x3;
    var z = y * y;
    Console.WriteLine($"dy/dx = {(float)tape.gradient(y, x3)!}, dz/dx = {(float)tape.gradient(z, x3)!}   (y = x², z = x⁴ at x = 3)");
}

// w per step, as a chart.
var plot = new ScottPlot.Plot();
plot.Add.Scatter(Enumerable.Range(0, 200).Select(i => (double)i).ToArray(), history.Take(200).ToArray()).MarkerSize = 0;
plot.Add.HorizontalLine(5).LinePattern = ScottPlot.LinePattern.Dashed;
plot.Title("w per step, J(w) = w² − 10w + 25");
Directory.CreateDirectory("runs");
plot.SavePng("runs/01-gradient-tape.png", 600, 400);
Console.WriteLine("chart: runs/01-gradient-tape.png");
