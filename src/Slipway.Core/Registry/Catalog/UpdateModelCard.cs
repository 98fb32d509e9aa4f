using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slipway.Contracts.Registry;
using Slipway.Core.Governance;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;
using Slipway.Core.Registry.Events;
using Slipway.Core.Tracking;

namespace Slipway.Core.Registry.Catalog;

/// <summary>What to change on a card; <see cref="Replace"/> (PUT) clears the fields left null, otherwise (PATCH) they stay.</summary>
public sealed record UpdateModelCardCommand(string? Name, string? Version, UpdateModelCardRequest Changes, bool Replace);

/// <summary>
/// Edits a version's model card and records <c>CARD_UPDATED</c> (with the names of the changed fields) in the same
/// transaction; the event log puts the new text in the catalog.
/// </summary>
public sealed class UpdateModelCard(SlipwayDbContext db, RegistryLoader loader, GetModelCard reader, RegistryEventLog events, CurrentActor actor, TimeProvider time)
{
    public async Task<Result<ModelCardView>> HandleAsync(UpdateModelCardCommand command, CancellationToken cancellationToken)
    {
        var changes = command.Changes;
        if (Validate(changes) is { } invalid)
        {
            return invalid;
        }

        var found = await loader.VersionAsync(command.Name, command.Version, cancellationToken);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        var (id, number) = (found.Value.Version.RegisteredModelId, found.Value.Version.Version);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var card = await db.ModelCards.FirstOrDefaultAsync(c => c.RegisteredModelId == id && c.Version == number, cancellationToken);
        if (card is null)
        {
            card = new ModelCard { RegisteredModelId = id, Version = number };
            db.ModelCards.Add(card);
        }

        var changed = new JsonArray();
        void Set(string field, string current, string? value, string cleared, Action<string> assign)
        {
            var next = value ?? (command.Replace ? cleared : current);
            if (next != current)
            {
                assign(next);
                changed.Add(field);
            }
        }

        Set("intended_use", card.IntendedUse, changes.IntendedUse, "", v => card.IntendedUse = v);
        Set("limitations", card.Limitations, changes.Limitations, "", v => card.Limitations = v);
        Set("license", card.License, changes.License, "", v => card.License = v);
        Set("text", card.Text, changes.Text, "", v => card.Text = v);
        Set("owners", card.Owners, Json(changes.Owners?.Select(o => o.Trim()).Distinct(StringComparer.Ordinal).ToList()), "[]", v => card.Owners = v);
        Set("metrics", card.Metrics, Json(changes.Metrics is null ? null : new SortedDictionary<string, double>(changes.Metrics.ToDictionary(), StringComparer.Ordinal)), "{}", v => card.Metrics = v);
        Set("training_data", card.TrainingData, Json(changes.TrainingData), "[]", v => card.TrainingData = v);
        Set("evaluation_data", card.EvaluationData, Json(changes.EvaluationData), "[]", v => card.EvaluationData = v);
        card.UpdatedAt = time.GetUtcNow().ToUnixTimeMilliseconds();
        card.UpdatedBy = actor.Name;
        await db.SaveChangesAsync(cancellationToken);
        await events.RecordAsync(
            new RegistryChange(actor.WorkspaceId, id, found.Value.Name, number, RegistryEntities.ModelVersion, RegistryActions.CardUpdated, new JsonObject { ["fields"] = changed }),
            cancellationToken);
        await events.CommitAsync(transaction, cancellationToken);
        db.ChangeTracker.Clear();
        return await reader.HandleAsync(command.Name, command.Version, cancellationToken);
    }

    private static string? Json<T>(T? value)
        where T : class => value is null ? null : ModelCardJson.Write(value);

    private static Error? Validate(UpdateModelCardRequest changes)
    {
        var tooLong = TooLong(changes.IntendedUse, ModelCardLimits.ProseLength, "intended_use")
            ?? TooLong(changes.Limitations, ModelCardLimits.ProseLength, "limitations")
            ?? TooLong(changes.Text, ModelCardLimits.TextLength, "text")
            ?? TooLong(changes.License, ModelCardLimits.LicenseLength, "license");
        if (tooLong is not null)
        {
            return tooLong;
        }

        if (changes.Owners is { } owners)
        {
            if (owners.Count > ModelCardLimits.Owners)
            {
                return Error.Invalid($"'owners' has {owners.Count} entries; the limit is {ModelCardLimits.Owners}.", "owners");
            }

            if (owners.Any(o => string.IsNullOrWhiteSpace(o) || o.Length > ModelCardLimits.OwnerLength))
            {
                return Error.Invalid($"Each owner must be a non-empty name of at most {ModelCardLimits.OwnerLength} characters.", "owners");
            }
        }

        if (changes.Metrics is { } metrics)
        {
            if (metrics.Count > ModelCardLimits.Metrics)
            {
                return Error.Invalid($"'metrics' has {metrics.Count} entries; the limit is {ModelCardLimits.Metrics}.", "metrics");
            }

            foreach (var (key, value) in metrics)
            {
                if (TrackingValidation.Key(key, "metrics") is { } keyError)
                {
                    return keyError;
                }

                if (!double.IsFinite(value))
                {
                    return Error.Invalid($"Metric '{key}' is {value}; card metrics must be finite numbers.", "metrics");
                }
            }
        }

        return Datasets(changes.TrainingData, "training_data") ?? Datasets(changes.EvaluationData, "evaluation_data");
    }

    private static Error? Datasets(IReadOnlyList<ModelCardDataset>? datasets, string field)
    {
        if (datasets is null)
        {
            return null;
        }

        if (datasets.Count > ModelCardLimits.Datasets)
        {
            return Error.Invalid($"'{field}' has {datasets.Count} entries; the limit is {ModelCardLimits.Datasets}.", field);
        }

        foreach (var d in datasets)
        {
            if (d is null || string.IsNullOrWhiteSpace(d.Name))
            {
                return Error.Invalid($"Each dataset in '{field}' needs a name.", field);
            }

            if (new[] { d.Name, d.Digest, d.Source, d.SourceType, d.RunId }.Any(v => v?.Length > ModelCardLimits.DatasetFieldLength))
            {
                return Error.Invalid($"Dataset fields in '{field}' are limited to {ModelCardLimits.DatasetFieldLength} characters.", field);
            }
        }

        return null;
    }

    private static Error? TooLong(string? value, int limit, string field) =>
        value?.Length > limit ? Error.Invalid($"'{field}' is {value.Length} characters; the limit is {limit}.", field) : null;
}
