using ScottPlot;
using TfNotes.Cli.Runs;

namespace TfNotes.Cli.Plots;

/// <summary>The per-epoch curves of a run as PNG images (ScottPlot).</summary>
public static class EpochPlots
{
    const int Width = 800, Height = 500;

    public static byte[] Loss(IReadOnlyList<EpochRecord> epochs) =>
        Render("Training loss (cross-entropy)", "loss", epochs, ("train", e => e.TrainLoss));

    public static byte[] Accuracy(IReadOnlyList<EpochRecord> epochs) =>
        Render("Accuracy", "accuracy", epochs, [("train", e => e.TrainAccuracy),
            .. epochs.All(e => e.ValidationAccuracy is not null) ? [("validation", (Func<EpochRecord, double>)(e => e.ValidationAccuracy!.Value))] : Array.Empty<(string, Func<EpochRecord, double>)>(),
            ("test", e => e.TestAccuracy)]);

    static byte[] Render(string title, string yLabel, IReadOnlyList<EpochRecord> epochs, params (string Label, Func<EpochRecord, double> Value)[] series)
    {
        var plot = new Plot();
        double[] xs = epochs.Select(e => (double)e.Epoch).ToArray();
        foreach (var (label, value) in series)
        {
            var line = plot.Add.Scatter(xs, epochs.Select(value).ToArray());
            line.LegendText = label;
        }
        plot.Title(title);
        plot.XLabel("epoch");
        plot.YLabel(yLabel);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        plot.ShowLegend(Alignment.LowerRight);
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }
}
