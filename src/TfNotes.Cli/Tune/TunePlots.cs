using System.Globalization;
using ScottPlot;
using TfNotes.Tuning;
using TfNotes.Tuning.Distributions;

namespace TfNotes.Cli.Tune;

/// <summary>
/// The study's PNG plots: optimization history (best so far, coarse-to-fine phases), each parameter against the
/// objective on the parameter's own scale, and every trial's validation accuracy per epoch (pruned ones dashed grey).
/// </summary>
internal static class TunePlots
{
    const string HistoryFile = "history.png";
    const string ParametersFile = "parameters.png";
    const string IntermediateFile = "intermediate.png";
    const string Objective = "validation accuracy";
    static readonly IPalette Palette = new ScottPlot.Palettes.Category10();

    /// <summary>Writes the three plots into <paramref name="folder"/>; returns their paths.</summary>
    public static IReadOnlyList<string> Write(IReadOnlyList<FrozenTrial> trials, string folder)
    {
        var paths = new[] { HistoryFile, ParametersFile, IntermediateFile }.Select(f => Path.Combine(folder, f)).ToArray();
        History(trials).SavePng(paths[0], 900, 500);
        Parameters(trials).SavePng(paths[1], 1200, 700);
        Intermediate(trials).SavePng(paths[2], 900, 500);
        return paths;
    }

    static Plot History(IReadOnlyList<FrozenTrial> trials)
    {
        var plot = new Plot();
        foreach (var phase in trials.Select(t => t.Phase).Distinct().Order())
        {
            var complete = trials.Where(t => t.Phase == phase && t.State == TrialState.Complete).ToList();
            if (complete.Count == 0) continue;
            var points = plot.Add.ScatterPoints(complete.Select(t => (double)t.Number).ToArray(), complete.Select(t => t.Value!.Value).ToArray(), Palette.GetColor(phase));
            points.LegendText = trials.Any(t => t.Phase > 0) ? $"phase {phase}" : "complete";
            points.MarkerSize = 7;
        }
        var pruned = trials.Where(t => t.State == TrialState.Pruned && t.Value is not null).ToList();
        if (pruned.Count > 0)
        {
            var points = plot.Add.ScatterPoints(pruned.Select(t => (double)t.Number).ToArray(), pruned.Select(t => t.Value!.Value).ToArray(), Colors.Grey);
            points.LegendText = "pruned (last epoch reached)";
        }
        var bestSoFar = BestSoFar(trials);
        if (bestSoFar.Count > 0)
        {
            var line = plot.Add.ScatterLine(bestSoFar.Select(p => (double)p.Number).ToArray(), bestSoFar.Select(p => p.Best).ToArray(), Colors.Black);
            line.ConnectStyle = ConnectStyle.StepHorizontal;
            line.LegendText = "best so far";
        }
        foreach (var start in trials.GroupBy(t => t.Phase).Where(g => g.Key > 0).Select(g => g.Min(t => t.Number)))
            plot.Add.VerticalLine(start - 0.5, 1, Colors.Grey, LinePattern.Dotted);
        plot.Title("Optimization history");
        plot.XLabel("trial");
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        plot.YLabel(Objective);
        plot.ShowLegend(Alignment.LowerRight);
        return plot;
    }

    static List<(int Number, double Best)> BestSoFar(IReadOnlyList<FrozenTrial> trials)
    {
        var best = double.NegativeInfinity;
        var steps = new List<(int, double)>();
        foreach (var trial in trials.Where(t => t.State == TrialState.Complete).OrderBy(t => t.Number))
        {
            best = Math.Max(best, trial.Value!.Value);
            steps.Add((trial.Number, best));
        }
        if (steps.Count > 0) steps.Add((trials.Max(t => t.Number), best));
        return steps;
    }

    static Multiplot Parameters(IReadOnlyList<FrozenTrial> trials)
    {
        var complete = trials.Where(t => t.State == TrialState.Complete).ToList();
        var distributions = trials.SelectMany(t => t.Distributions).DistinctBy(p => p.Key).ToList();
        var multiplot = new Multiplot();
        multiplot.AddPlots(Math.Max(1, distributions.Count));
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Grid(rows: 2, columns: Math.Max(1, (distributions.Count + 1) / 2));
        for (var i = 0; i < distributions.Count; i++)
        {
            var (name, distribution) = distributions[i];
            var plot = multiplot.GetPlot(i);
            var xs = complete.Select(t => Position(distribution, t.InternalParams[name])).ToArray();
            var points = plot.Add.ScatterPoints(xs, complete.Select(t => t.Value!.Value).ToArray(), Palette.GetColor(0));
            points.MarkerSize = 6;
            LabelAxis(plot, name, distribution);
            if (distribution is NumericDistribution numeric)
            {
                // The whole search range, so that one sees where the trials fell in it.
                var (low, high) = (Position(numeric, numeric.Low), Position(numeric, numeric.High));
                plot.Axes.SetLimitsX(low - 0.03 * (high - low), high + 0.03 * (high - low));
            }
            plot.YLabel(Objective);
        }
        return multiplot;
    }

    /// <summary>
    /// Where an internal value goes on the x axis: log10 x for log parameters, −log10(1 − x) for reverse-log ones
    /// (so 0.9, 0.99, 0.999 are evenly spaced and grow to the right).
    /// </summary>
    static double Position(Distribution distribution, double internalValue) => distribution switch
    {
        NumericDistribution { Scale: ParameterScale.Log } => Math.Log10(internalValue),
        NumericDistribution { Scale: ParameterScale.ReverseLog } => -Math.Log10(1 - internalValue),
        _ => internalValue,
    };

    static void LabelAxis(Plot plot, string name, Distribution distribution)
    {
        switch (distribution)
        {
            case NumericDistribution { Scale: ParameterScale.Log }:
                plot.XLabel($"{name} (log scale)");
                LogTicks(plot, exponent => Math.Pow(10, exponent).ToString("G3", CultureInfo.InvariantCulture));
                break;
            case NumericDistribution { Scale: ParameterScale.ReverseLog }:
                plot.XLabel($"{name} (log scale of 1 − {name})");
                // Integer positions are 0.9, 0.99, 0.999…; log minor ticks would mark no round β, so there are none.
                plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
                {
                    IntegerTicksOnly = true,
                    LabelFormatter = exponent => (1 - Math.Pow(10, -exponent)).ToString("G4", CultureInfo.InvariantCulture),
                };
                break;
            case CategoricalDistribution categorical:
                plot.XLabel(name);
                plot.Axes.Bottom.SetTicks(
                    Enumerable.Range(0, categorical.Choices.Count).Select(i => (double)i).ToArray(),
                    categorical.Choices.Select(c => TrialFormat.Parameter(name, c)).ToArray());
                plot.Axes.SetLimitsX(-0.5, categorical.Choices.Count - 0.5);
                break;
            default:
                plot.XLabel(name);
                break;
        }
    }

    static void LogTicks(Plot plot, Func<double, string> label) =>
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
            IntegerTicksOnly = true,
            LabelFormatter = label,
        };

    static Plot Intermediate(IReadOnlyList<FrozenTrial> trials)
    {
        var plot = new Plot();
        foreach (var trial in trials.Where(t => t.IntermediateValues.Count > 0 && t.State != TrialState.Running))
        {
            var steps = trial.IntermediateValues.OrderBy(p => p.Key).ToList();
            var line = plot.Add.ScatterLine(steps.Select(p => (double)p.Key).ToArray(), steps.Select(p => p.Value).ToArray());
            line.MarkerSize = 4;
            if (trial.State == TrialState.Complete) line.Color = Palette.GetColor(trial.Phase).WithAlpha(0.8);
            else
            {
                line.Color = Colors.Grey.WithAlpha(0.6);
                line.LinePattern = LinePattern.Dashed;
            }
        }
        plot.Legend.ManualItems.Add(new LegendItem { LineColor = Palette.GetColor(0), LineWidth = 2, LabelText = "complete" });
        plot.Legend.ManualItems.Add(new LegendItem { LineColor = Colors.Grey, LineWidth = 2, LinePattern = LinePattern.Dashed, LabelText = "pruned / failed" });
        plot.ShowLegend(Alignment.LowerRight);
        plot.Title("Validation accuracy per epoch");
        plot.XLabel("epoch");
        plot.YLabel(Objective);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        return plot;
    }
}
