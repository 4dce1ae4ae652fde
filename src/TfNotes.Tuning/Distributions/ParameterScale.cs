namespace TfNotes.Tuning.Distributions;

/// <summary>The scale on which a numeric parameter is sampled uniformly.</summary>
public enum ParameterScale
{
    /// <summary>Uniform in x.</summary>
    Linear,

    /// <summary>Uniform in log x: each decade gets the same share (learning rates, 10^r).</summary>
    Log,

    /// <summary>
    /// Uniform in log(1 − x), i.e. x = 1 − 10^r: for parameters close to 1 such as an EWA β, where
    /// 0.999 → 0.9995 matters as much as 0.9 → 0.95 (the notes' mapping: log-uniform 1 − β). KerasTuner's
    /// <c>sampling="reverse_log"</c> is another mapping (the log scale mirrored inside [min, max]:
    /// x = max + min − min·(max/min)^u, u uniform), which is nearly uniform for [0.9, 0.999] (max/min is 1.11);
    /// Optuna has none and sees such a parameter as a plain float range (its scale is stored beside it).
    /// </summary>
    ReverseLog,
}
