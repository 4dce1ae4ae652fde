using TfNotes.Cli.Training;
using TfNotes.TestSupport;

namespace TfNotes.Cli.Tests;

/// <summary>The trainer in process, on subsets of the repository's Fashion-MNIST.</summary>
public class TrainerTests
{
    static TrainingOptions Small(int trainImages, int epochs = 1) => new()
    {
        DataDir = TrainCli.DataDir, TrainSubset = trainImages, EvaluationSubset = 2000, Epochs = epochs, Seed = 7,
    };

    static TrainingResult Fit(TrainingOptions options, TrainingCallbacks? callbacks = null, CancellationToken cancellation = default)
    {
        var trainer = new Trainer(options);
        var (train, test) = trainer.LoadData();
        return trainer.Fit(train, test, callbacks, cancellation);
    }

    [Fact]
    public void Two_epochs_on_5000_images_reach_70_percent_test_accuracy()
    {
        var result = Fit(Small(5000, epochs: 2));
        Assert.Equal(TrainingOutcome.Completed, result.Outcome);
        Assert.Equal([1, 2], result.Epochs.Select(e => e.Epoch));
        Assert.True(result.Epochs[1].TrainLoss < result.Epochs[0].TrainLoss, "the loss falls");
        Assert.True(result.Epochs[1].EvaluationAccuracy >= 0.70, $"test accuracy {result.Epochs[1].EvaluationAccuracy}");
    }

    [Theory]
    [InlineData(ModelKind.Softmax, false)]
    [InlineData(ModelKind.ThreeLayer, true)]
    public void The_same_seed_gives_the_same_metrics(ModelKind model, bool batchNorm)
    {
        var options = Small(1000) with { Model = model, BatchNorm = batchNorm };
        var first = Fit(options).Epochs.Single();
        var second = Fit(options).Epochs.Single();
        Assert.Equal(first with { Seconds = 0 }, second with { Seconds = 0 });
        Assert.NotEqual(first with { Seconds = 0 }, Fit(options with { Seed = 8 }).Epochs.Single() with { Seconds = 0 });
    }

    /// <summary>
    /// SGD, because Adam's steps are bounded by the learning rate: at 1e6 they kill every ReLU at once and the loss
    /// stays finite (about 1e22, then 1e6), so only SGD's steps, proportional to the gradients, overflow float32.
    /// </summary>
    [Fact]
    public void A_huge_learning_rate_stops_at_the_first_non_finite_loss_naming_epoch_and_step()
    {
        var steps = new List<StepProgress>();
        var result = Fit(Small(1000) with { Optimizer = OptimizerKind.Sgd, LearningRate = 1e6 }, new TrainingCallbacks(OnStep: steps.Add));
        Assert.Equal(TrainingOutcome.NonFiniteLoss, result.Outcome);
        Assert.Empty(result.Epochs);
        Assert.Contains($"at epoch 1, step {steps.Count + 1}", result.StopReason);
        Assert.Matches("loss is (NaN|infinite)", result.StopReason);
    }

    [Fact]
    public void Cancelling_stops_after_the_current_step_without_recording_the_unfinished_epoch()
    {
        using var cancellation = new CancellationTokenSource();
        var steps = new List<StepProgress>();
        var result = Fit(Small(1000, epochs: 3), new TrainingCallbacks(OnStep: step =>
        {
            steps.Add(step);
            if (step is { Epoch: 2, Step: 3 }) cancellation.Cancel();
        }), cancellation.Token);
        Assert.Equal(TrainingOutcome.Cancelled, result.Outcome);
        Assert.Equal([1], result.Epochs.Select(e => e.Epoch));
        Assert.Equal((2, 3), (steps[^1].Epoch, steps[^1].Step));
        Assert.Contains("epoch 2, step 3", result.StopReason);
    }

    [Fact]
    public void Saved_weights_reload_into_a_new_trainer_with_the_same_accuracy()
    {
        var options = Small(1000) with { BatchNorm = true };
        var trainer = new Trainer(options);
        var (train, test) = trainer.LoadData();
        double trained = trainer.Fit(train, test).Epochs.Single().EvaluationAccuracy;
        var path = Path.Combine(Scratch.Folder("tfnotes-weights-").FullName, "weights.safetensors");
        trainer.SaveWeights(path);
        var reloaded = new Trainer(options with { Seed = 99 });
        reloaded.LoadWeights(path);
        Assert.Equal(trained, reloaded.Evaluate(test));
    }

    [Fact]
    public void Early_stopping_keeps_the_epoch_with_the_best_validation_accuracy_and_stops_after_patience_epochs()
    {
        var options = Small(1000, epochs: 8) with { ValidationSplit = 0.2, EarlyStopping = 1, LearningRate = 0.01 };
        var trainer = new Trainer(options);
        var (train, test) = trainer.LoadData();
        var (fitted, validation) = trainer.Split(train);
        Assert.Equal((800, 200), (fitted.Count, validation!.Count));   // the last 20 % of the training images
        var result = trainer.Fit(train, test);
        Assert.Equal(TrainingOutcome.Completed, result.Outcome);
        var accuracies = result.Epochs.Select(e => e.ValidationAccuracy!.Value).ToList();
        int chosen = accuracies.IndexOf(accuracies.Max()) + 1;
        Assert.Equal(chosen, result.ChosenEpoch);
        // Keras' rule with patience 1: the first epoch after the best that does not improve on it ends the run.
        Assert.True(result.Epochs.Count == options.Epochs || result.Epochs.Count == chosen + 1, $"{result.Epochs.Count} epochs, best {chosen}");
        Assert.Equal(result.Final!.EvaluationAccuracy, trainer.Evaluate(test));   // the model holds the chosen epoch's weights
        Assert.Equal(trainer.Evaluate(validation), result.Final.ValidationAccuracy!.Value, 6);
    }

    [Fact]
    public void The_cosine_schedule_decays_the_learning_rate_to_zero_over_the_run()
    {
        var trainer = new Trainer(Small(1000, epochs: 2) with { Schedule = ScheduleKind.Cosine, LearningRate = 0.001 });
        var (train, test) = trainer.LoadData();
        trainer.Fit(train, test);
        var optimizer = trainer.Model.optimizer!;
        Assert.Equal(2 * 16, optimizer.iterations);              // 1000 images in batches of 64: 16 steps an epoch
        Assert.Equal(0.0, optimizer.learning_rate, 12);           // CosineDecay(0.001, 32) at step 32
    }

    [Fact]
    public void Invalid_options_are_rejected_naming_the_option()
    {
        Assert.Equal("BatchSize", Assert.Throws<ArgumentException>(() => new Trainer(new TrainingOptions { BatchSize = 0 })).ParamName);
        Assert.Equal("Hidden", Assert.Throws<ArgumentException>(() => new Trainer(new TrainingOptions { Hidden = [256, 0] })).ParamName);
        Assert.Equal("ValidationSplit", Assert.Throws<ArgumentException>(() => new Trainer(new TrainingOptions { ValidationSplit = 1 })).ParamName);
    }
}
