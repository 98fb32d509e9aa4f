using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Tracking;
using Slipway.Core.Tracking.LoggedModels;

namespace Slipway.Core.Tests.Tracking.Search;

/// <summary>
/// The rows every search test reads. Runs r1–r6 live in the Default experiment:
/// <code>
/// id  name     user  status    start  end   rmse  model    opt      team    path
/// r1  alpha    ann   FINISHED  1000   2000  0.3   x        adam     Vision  axb
/// r2  beta     bob   FAILED    2000   -     0.7   x        sgd      vision  -
/// r3  gamma    ann   RUNNING   3000   -     NaN   y        adam     nlp     -
/// r4  delta    -     FINISHED  3000   4000  0.1   X        -        -       -
/// r5  epsilon  bob   KILLED    500    600   -     -        -        -       a\b
/// r6  zeta     carl  FINISHED  4000   5000  0.45  xgboost  rmsprop  -       a_b
/// </code>
/// Datasets: train/abc is used by r1 and r2 (context training), eval/def by r2 (context eval) and r3 (no context).
/// </summary>
internal static class SearchSeed
{
    public static async Task InsertAsync(SlipwayDbContext db)
    {
        Run(db, "r1", "alpha", "ann", RunStatus.Finished, 1000, 2000);
        Run(db, "r2", "beta", "bob", RunStatus.Failed, 2000, null);
        Run(db, "r3", "gamma", "ann", RunStatus.Running, 3000, null);
        Run(db, "r4", "delta", null, RunStatus.Finished, 3000, 4000);
        Run(db, "r5", "epsilon", "bob", RunStatus.Killed, 500, 600);
        Run(db, "r6", "zeta", "carl", RunStatus.Finished, 4000, 5000);

        Metric(db, "r1", "rmse", 0.3);
        Metric(db, "r2", "rmse", 0.7);
        Metric(db, "r3", "rmse", double.NaN);
        Metric(db, "r4", "rmse", 0.1);
        Metric(db, "r6", "rmse", 0.45);

        foreach (var (run, value) in new[] { ("r1", "x"), ("r2", "x"), ("r3", "y"), ("r4", "X"), ("r6", "xgboost") })
        {
            db.Params.Add(new RunParam { RunId = run, Key = "model", Value = value });
        }

        foreach (var (run, value) in new[] { ("r1", "adam"), ("r2", "sgd"), ("r3", "adam"), ("r6", "rmsprop") })
        {
            db.Params.Add(new RunParam { RunId = run, Key = "opt", Value = value });
        }

        foreach (var (run, key, value) in new[]
                 {
                     ("r1", "team", "Vision"), ("r2", "team", "vision"), ("r3", "team", "nlp"), ("r1", "my tag", "v"),
                     ("r1", "path", "axb"), ("r5", "path", "a\\b"), ("r6", "path", "a_b"),
                 })
        {
            db.Tags.Add(new RunTag { RunId = run, Key = key, Value = value });
        }

        var train = new Dataset { Name = "train", Digest = "abc", SourceType = "local", Source = "{}" };
        var eval = new Dataset { Name = "eval", Digest = "def", SourceType = "local", Source = "{}" };
        db.Datasets.AddRange(train, eval);
        await db.SaveChangesAsync();
        Input(db, "r1", train.Id, "training");
        Input(db, "r2", train.Id, "training");
        Input(db, "r2", eval.Id, "eval");
        Input(db, "r3", eval.Id, null);

        Experiment(db, 101, "exp-a", 100, 500, ("owner", "ann"));
        Experiment(db, 102, "exp-b", 200, 300, ("owner", "bob"));
        Experiment(db, 103, "other", 200, 200);

        LoggedModel(db, "m-1", "classifier", LoggedModelStatus.Ready, 100, "sklearn", "r1");
        LoggedModel(db, "m-2", "regressor", LoggedModelStatus.Pending, 300, null, "r2");
        LoggedModel(db, "m-3", "ranker", LoggedModelStatus.Ready, 200, "pytorch", null);
        ModelMetric(db, "m-1", "accuracy", 0.95, step: 0, "train", "abc");
        ModelMetric(db, "m-1", "accuracy", 0.80, step: 1, "eval", "def");
        ModelMetric(db, "m-2", "accuracy", 0.85, step: 0, "eval", "def");
        ModelMetric(db, "m-3", "accuracy", double.NaN, step: 0, "eval", "def");
        db.LoggedModelParams.Add(new LoggedModelParam { ModelId = "m-1", Key = "depth", Value = "3" });
        db.LoggedModelTags.Add(new LoggedModelTag { ModelId = "m-2", Key = "stage", Value = "candidate" });
        await db.SaveChangesAsync();
    }

    private static void Run(SlipwayDbContext db, string id, string name, string? user, string status, long start, long? end)
    {
        db.Runs.Add(new Run
        {
            Id = id, ExperimentId = Core.Tracking.Experiment.DefaultId, Name = name, UserId = user, Status = status,
            StartTime = start, EndTime = end, ArtifactUri = $"mlflow-artifacts:/0/{id}/artifacts",
        });
        db.Tags.Add(new RunTag { RunId = id, Key = "mlflow.runName", Value = name });
    }

    private static void Metric(SlipwayDbContext db, string run, string key, double value) =>
        db.LatestMetrics.Add(new LatestMetric { RunId = run, Key = key, Value = double.IsNaN(value) ? 0 : value, IsNan = double.IsNaN(value), Timestamp = 1, Step = 0 });

    private static void Input(SlipwayDbContext db, string run, long dataset, string? context)
    {
        db.RunDatasetInputs.Add(new RunDatasetInput { RunId = run, DatasetId = dataset });
        if (context is not null)
        {
            db.InputTags.Add(new InputTag { RunId = run, DatasetId = dataset, Key = "mlflow.data.context", Value = context });
        }
    }

    private static void Experiment(SlipwayDbContext db, long id, string name, long created, long updated, params (string Key, string Value)[] tags) =>
        db.Experiments.Add(new Experiment
        {
            Id = id, Name = name, ArtifactLocation = $"mlflow-artifacts:/{id}", CreationTime = created, LastUpdateTime = updated,
            Tags = [.. tags.Select(t => new ExperimentTag { ExperimentId = id, Key = t.Key, Value = t.Value })],
        });

    private static void LoggedModel(SlipwayDbContext db, string id, string name, string status, long created, string? type, string? sourceRun) =>
        db.LoggedModels.Add(new LoggedModel
        {
            Id = id, ExperimentId = Core.Tracking.Experiment.DefaultId, Name = name, ArtifactUri = $"mlflow-artifacts:/0/models/{id}/artifacts",
            Status = status, CreationTimestamp = created, LastUpdatedTimestamp = created, ModelType = type, SourceRunId = sourceRun,
        });

    private static void ModelMetric(SlipwayDbContext db, string model, string key, double value, long step, string dataset, string digest) =>
        db.LoggedModelMetrics.Add(new LoggedModelMetric
        {
            ModelId = model, RunId = "r1", Key = key, Value = double.IsNaN(value) ? 0 : value, IsNan = double.IsNaN(value),
            Timestamp = 10 + step, Step = step, DatasetName = dataset, DatasetDigest = digest,
        });
}
