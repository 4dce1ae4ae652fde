using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using TfNotes.Cli.Runs;
using TfNotes.Cli.Training;

namespace TfNotes.Cli.Commands;

/// <summary>
/// <c>tfnotes train</c>: trains softmax regression or the notes' three-layer network on Fashion-MNIST with
/// <c>model.fit</c>, with a progress display, a summary table and a run folder (metrics.json, loss/accuracy plots,
/// weights) rewritten after every epoch. The last 10 % of the training set validate (never the test set); the
/// run keeps the weights of the epoch with the best validation accuracy, stopping after <c>--early-stopping</c>
/// epochs without a better one, and reports that epoch's test accuracy.
/// Exit codes: 0 done, 1 NaN/infinite loss or a failed run, 2 bad arguments or data, an unusable <c>--out</c> or one
/// another run holds (the folder is locked for the run's lifetime), 130 interrupted.
/// </summary>
internal static class TrainCommand
{
    public const int NonFiniteLossExitCode = 1, InterruptedExitCode = 130;

    public static Command Create()
    {
        var defaults = new TrainingOptions();
        var model = new Option<string>("--model")
        {
            Description = "softmax (softmax regression) or three-layer (the notes' LINEAR→RELU→LINEAR→RELU→LINEAR→SOFTMAX network)",
            DefaultValueFactory = _ => defaults.Model.CliName(),
        }.OneOf(ModelKind.Softmax.CliName(), ModelKind.ThreeLayer.CliName());
        var hidden = new Option<int[]>("--hidden")
        {
            // The default in the description: help would print an int[] default as 256|128, which --hidden rejects.
            Description = $"the three-layer network's hidden layer sizes, comma-separated [default: {string.Join(",", defaults.Hidden)}]",
            CustomParser = OptionChecks.ParseSizes, Arity = ArgumentArity.ExactlyOne,
        };
        var batchNorm = new Option<bool>("--batchnorm") { Description = "batch normalization after each hidden linear layer (the notes' formulas)" };
        var epochs = new Option<int>("--epochs") { Description = "passes over the training set", DefaultValueFactory = _ => defaults.Epochs }.Positive();
        var batchSize = new Option<int>("--batch-size") { Description = "mini-batch size", DefaultValueFactory = _ => defaults.BatchSize }.Positive();
        var learningRate = new Option<double>("--learning-rate") { Description = "the optimizer's learning rate", DefaultValueFactory = _ => defaults.LearningRate }.Positive();
        var optimizer = new Option<string>("--optimizer") { Description = "adam, sgd or rmsprop", DefaultValueFactory = _ => "adam" }.OneOf("adam", "sgd", "rmsprop");
        var beta1 = new Option<double>("--beta1") { Description = "Adam's β1 (SGD's momentum β; unused by RMSprop)", DefaultValueFactory = _ => defaults.Beta1 }.InUnitInterval();
        var seed = new Option<int>("--seed") { Description = "seeds tf.random, the initializers and the shuffle: same seed, same metrics", DefaultValueFactory = _ => defaults.Seed };
        var dataDir = new Option<string?>("--data-dir") { Description = "folder with the Fashion-MNIST .gz files (default: the repository's data/)" }.FashionMnistFolder();
        var output = new Option<string?>("--out") { Description = "the run folder (default runs/<timestamp>-<model>)" };
        output.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<string?>() is { } folder && string.IsNullOrWhiteSpace(folder)) r.AddError($"--out must be a folder path, got '{folder}'");
        });
        var trainSubset = new Option<int?>("--train-subset") { Description = "train on the first N training images only" }.Positive();
        var testSubset = new Option<int?>("--test-subset") { Description = "evaluate on the first N test images only" }.Positive();
        var validationSplit = new Option<double>("--validation-split")
        {
            Description = "the last fraction of the training images that validates (picks the epoch; never the test set)", DefaultValueFactory = _ => 0.1,
        }.InUnitInterval();
        var earlyStopping = new Option<int>("--early-stopping")
        {
            Description = "stop after this many epochs without a better validation accuracy and keep the best epoch's weights (0: run every epoch, still keep the best)",
            DefaultValueFactory = _ => defaults.EarlyStopping,
        }.NonNegative();
        var schedule = new Option<string>("--schedule")
        {
            Description = "the learning rate over the run: constant, or cosine (Keras' CosineDecay from --learning-rate to 0 over every step)",
            DefaultValueFactory = _ => "cosine",
        }.OneOf("constant", "cosine");
        var json = new Option<bool>("--json") { Description = "no progress display; print one JSON object as the last stdout line" };
        var tensorboard = new Option<string?>("--tensorboard")
        {
            Description = "write TensorBoard logs to this folder: loss and accuracy per epoch (train, validation), weight histograms, sample images",
        };
        var threads = new Option<int>("--threads")
        {
            Description = "libtorch threads: every core by default, the fastest on a quiet machine; 1 when other work shares the cores. " +
                "A seed gives the same metrics at the same count",
            DefaultValueFactory = _ => Trainer.IntraOpThreads,
        }.Positive();
        var resume = new Option<string?>("--resume")
        {
            Description = "continue the killed or interrupted run in this run folder from its last finished epoch, with its options: it ends as an uninterrupted run",
        };

        var command = new Command("train", "Train softmax regression or the notes' three-layer network on Fashion-MNIST")
        {
            model, hidden, batchNorm, epochs, batchSize, learningRate, schedule, optimizer, beta1, seed, dataDir, output, trainSubset, testSubset,
            validationSplit, earlyStopping, threads, json, tensorboard, resume,
        };
        command.SetAction(parse =>
        {
            var options = new TrainingOptions
            {
                Model = parse.GetValue(model) == ModelKind.Softmax.CliName() ? ModelKind.Softmax : ModelKind.ThreeLayer,
                Hidden = parse.GetValue(hidden) is { Length: > 0 } sizes ? sizes : defaults.Hidden, // an absent array option reads as empty
                BatchNorm = parse.GetValue(batchNorm),
                Epochs = parse.GetValue(epochs),
                BatchSize = parse.GetValue(batchSize),
                LearningRate = parse.GetValue(learningRate),
                Schedule = Enum.Parse<ScheduleKind>(parse.GetValue(schedule)!, ignoreCase: true),
                Optimizer = Enum.Parse<OptimizerKind>(parse.GetValue(optimizer)!, ignoreCase: true),
                Beta1 = parse.GetValue(beta1),
                Seed = parse.GetValue(seed),
                DataDir = parse.GetValue(dataDir) is { } dir ? Path.GetFullPath(dir) : null,
                TrainSubset = parse.GetValue(trainSubset),
                EvaluationSubset = parse.GetValue(testSubset),
                ValidationSplit = parse.GetValue(validationSplit),
                EarlyStopping = parse.GetValue(earlyStopping),
            };
            TrainResume? resumed = null;
            if (parse.GetValue(resume) is { } runDir)
            {
                if (parse.GetValue(output) is not null)
                {
                    Console.Error.WriteLine("tfnotes train: --resume continues the run in its own folder; leave out --out");
                    return 2;
                }
                TrainResume.Setting[] settings =
                [
                    new(model, o => o.Model), new(hidden, o => o.Hidden), new(batchNorm, o => o.BatchNorm), new(epochs, o => o.Epochs),
                    new(batchSize, o => o.BatchSize), new(learningRate, o => o.LearningRate), new(schedule, o => o.Schedule), new(optimizer, o => o.Optimizer),
                    new(beta1, o => o.Beta1), new(seed, o => o.Seed), new(trainSubset, o => o.TrainSubset), new(testSubset, o => o.EvaluationSubset),
                    new(validationSplit, o => o.ValidationSplit), new(earlyStopping, o => o.EarlyStopping),
                ];
                (resumed, var error) = TrainResume.Prepare(runDir, parse, options, settings);
                if (error is not null)
                {
                    Console.Error.WriteLine($"tfnotes train: {error}");
                    return 2;
                }
                options = resumed!.Options;
            }
            var folder = resumed?.Folder ?? new RunFolder(parse.GetValue(output) ?? RunFolder.DefaultPath(options.Model));
            return Run(options, parse.GetValue(threads), folder, parse.GetValue(json), parse.GetValue(tensorboard), resumed);
        });
        return command;
    }

    /// <summary>Loads the data, then claims the run folder (locked until the process ends) and trains; a failure after that is recorded in it.</summary>
    static int Run(TrainingOptions options, int threads, RunFolder folder, bool json, string? tensorboard, TrainResume? resumed)
    {
        using var interrupt = new StopOnInterrupt();
        var trainer = new Trainer(options, threads);
        var (train, test) = trainer.LoadData();
        var (fitted, validation) = trainer.Split(train);
        if (resumed is not null && resumed.Record.TrainExamples != fitted.Count)
            throw new ArgumentException($"--resume: the run trained on {resumed.Record.TrainExamples} images, the data now gives {fitted.Count}");
        if (tensorboard is not null) CheckWritable(tensorboard);
        using var claimed = resumed is null ? folder.Claim() : folder.ClaimToResume();
        var log = new RunLog(folder, resumed is null
            ? new RunRecord("running", null, DateTimeOffset.Now, options, fitted.Count, test.Count, LibraryVersions.Current(), [], validation?.Count ?? 0)
            : resumed.Record with { Status = "running", StopReason = null, ChosenEpoch = null, Epochs = resumed.Epochs });
        if (resumed is null) log.Start();   // a resumed run's files change only once its backup is restored
        var extras = new FitExtras(TrainResume.BackupDir(folder), tensorboard is null ? null : Path.GetFullPath(tensorboard))
        {
            EarlierEpochs = resumed?.Epochs.Select(e => e.ToMetrics()).ToList() ?? [],
        };
        try
        {
            return Train(trainer, train, test, log, folder, json, interrupt.Token, extras);
        }
        catch (Exception e) when (resumed is not null && e is ArgumentException or InvalidDataException && log.Current.Epochs.Count == resumed.Epochs.Count)
        {
            throw new ArgumentException($"--resume: {e.Message}", e);   // the backup does not fit the run: nothing was written
        }
        catch (Exception e)
        {
            log.Failed(e);
            throw;
        }
    }

    static int Train(Trainer trainer, LabelledImages train, LabelledImages test, RunLog log, RunFolder folder, bool json, CancellationToken interrupt, FitExtras extras)
    {
        var callbacks = new TrainingCallbacks(OnEpochEnd: metrics => log.EpochEnded(metrics, trainer));
        var clock = Stopwatch.StartNew();
        var result = json
            ? trainer.Fit(train, test, callbacks, interrupt, extras)
            : TrainingDisplay.WithProgress(trainer.Options.Epochs, callbacks, withProgress => trainer.Fit(train, test, withProgress, interrupt, extras));
        log.Ended(result, trainer);
        var record = log.Current;

        if (result.StopReason is { } reason) Console.Error.WriteLine($"tfnotes train: {reason}");
        if (json) Console.WriteLine(FinalJson(record, folder, clock.Elapsed));
        else TrainingDisplay.Summary(record, folder);
        return result.Outcome switch
        {
            TrainingOutcome.NonFiniteLoss => NonFiniteLossExitCode,
            TrainingOutcome.Cancelled => InterruptedExitCode,
            _ => 0,
        };
    }

    /// <summary>A TensorBoard folder that cannot be written fails before the run starts, in one line.</summary>
    static void CheckWritable(string logs)
    {
        try
        {
            Directory.CreateDirectory(logs);
            var probe = Path.Combine(logs, $".tfnotes-{Guid.NewGuid():N}.probe");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ArgumentException($"--tensorboard: cannot write TensorBoard logs to {Path.GetFullPath(logs)}: {e.Message}", e);
        }
    }

    static string FinalJson(RunRecord record, RunFolder folder, TimeSpan elapsed)
    {
        var final = record.Final;
        return JsonSerializer.Serialize(new
        {
            status = record.Status,
            test_accuracy = final?.TestAccuracy,
            validation_accuracy = final?.ValidationAccuracy,
            chosen_epoch = final?.Epoch,
            train_loss = final?.TrainLoss,
            train_accuracy = final?.TrainAccuracy,
            epochs = record.Epochs.Count,
            seconds = Math.Round(elapsed.TotalSeconds, 3),
            seconds_per_epoch = record.Epochs.Count == 0 ? (double?)null : Math.Round(record.Epochs.Average(e => e.Seconds), 3),
            run_dir = folder.Path,
        });
    }
}
