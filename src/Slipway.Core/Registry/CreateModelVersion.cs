using Microsoft.EntityFrameworkCore;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;
using Slipway.Core.Registry.Events;
using Slipway.Core.Registry.Packages;
using Slipway.Core.Registry.Storage;
using Slipway.Core.Tracking;

namespace Slipway.Core.Registry;

public sealed record CreateModelVersionCommand(
    string? Name, string? Source, string? RunId, string? RunLink, string? Description, string? ModelId, IReadOnlyList<KeyValue> Tags,
    UploadedPackage? Upload = null);

/// <summary>
/// Registers a new version, READY at once, in stage None. Its files (from the source, or an upload) are gathered in
/// a private directory and inspected first, so a package that does not parse changes nothing. Its number then comes
/// from the model's counter, bumped under the row lock, so concurrent creates get distinct numbers and a number is
/// never handed out again; the files are copied under <c>registry/&lt;model id&gt;/&lt;version&gt;/</c> and the
/// version and its file digests are recorded in one transaction.
/// </summary>
public sealed class CreateModelVersion(
    SlipwayDbContext db,
    RegistryLoader loader,
    VersionSource sources,
    LoggedModelRegistrations registrations,
    VersionStorage storage,
    IModelPackageInspector inspector,
    Catalog.ModelCardAutoFill cards,
    RegistryEventLog events,
    TimeProvider time,
    Governance.Access.AccessScope access)
{
    public async Task<Result<ModelVersionView>> HandleAsync(CreateModelVersionCommand command, CancellationToken cancellationToken)
    {
        if (RegistryRules.Description(command.Description) is { } descriptionError)
        {
            return descriptionError;
        }

        foreach (var tag in command.Tags)
        {
            if (RegistryRules.Tag(tag.Key, tag.Value) is { } tagError)
            {
                return tagError;
            }
        }

        if (!string.IsNullOrEmpty(command.RunId) && TrackingValidation.RunId(command.RunId) is { } runError)
        {
            return runError;
        }

        var found = await loader.FindAsync(command.Name, cancellationToken);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        var resolved = command.Upload is null ? await sources.ResolveAsync(command.Source, command.ModelId, cancellationToken) : new ResolvedSource("", null);
        if (!resolved.IsSuccess)
        {
            return resolved.Error;
        }

        // The caller must be able to read what it registers: another team's run or model is not a source (governance §8.8).
        if (command.Upload is null
            && (Storage.VersionStorage.KeyOf(resolved.Value.StorageLocation) is not { IsSuccess: true } sourceKey
                || !await access.CanReadArtifactKeyAsync(sourceKey.Value, found.Value.WorkspaceId, cancellationToken)))
        {
            return new Error(ErrorKind.Forbidden, "permission_denied", "The source lies in an experiment or registered model you cannot read.");
        }

        if (!string.IsNullOrEmpty(command.RunId) && !await access.CanReadRunAsync(command.RunId, cancellationToken))
        {
            return new Error(ErrorKind.Forbidden, "permission_denied", $"run_id '{command.RunId}' is a run you cannot read.");
        }

        var staged = command.Upload is { } upload
            ? upload.Package
            : await storage.StageAsync(command.Source!, resolved.Value.StorageLocation, command.RunId, cancellationToken);
        if (!staged.IsSuccess)
        {
            return staged.Error;
        }

        try
        {
            var inspected = await inspector.InspectAsync(staged.Value.Path, cancellationToken);
            if (!inspected.IsSuccess)
            {
                return inspected.Error;
            }

            return await RegisterAsync(command, found.Value, resolved.Value, staged.Value, inspected.Value, cancellationToken);
        }
        finally
        {
            if (command.Upload is null)
            {
                staged.Value.Dispose();
            }
        }
    }

    private async Task<Result<ModelVersionView>> RegisterAsync(
        CreateModelVersionCommand command, RegisteredModel model, ResolvedSource resolved, PackageDirectory package, PackageInfo info, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        int number;
        await using (var reservation = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            // The update takes the row lock first, so two creates cannot read the same counter value. The number is
            // reserved in its own short transaction: copying the files must not hold the lock (on SQLite, the database).
            await db.RegisteredModels.Where(m => m.Id == model.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.NextVersion, m => m.NextVersion + 1).SetProperty(m => m.LastUpdatedTimestamp, now), cancellationToken);
            number = await db.RegisteredModels.Where(m => m.Id == model.Id).Select(m => m.NextVersion - 1).FirstAsync(cancellationToken);
            await reservation.CommitAsync(cancellationToken);
        }

        var files = await storage.CommitAsync(package, model.Id, number, cancellationToken);
        var storageKey = RegistryStorageKeys.For(model.Id, number);
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var upload = command.Upload;
            var created = new ModelVersion
            {
                RegisteredModelId = model.Id,
                Version = number,
                Source = upload is null ? command.Source! : RegistryStorageKeys.Uri(storageKey),
                StorageLocation = RegistryStorageKeys.Uri(storageKey),
                StorageKey = storageKey,
                RunId = string.IsNullOrEmpty(command.RunId) ? resolved.SourceRunId : command.RunId,
                RunLink = command.RunLink ?? "",
                Description = command.Description ?? "",
                CreationTimestamp = now,
                LastUpdatedTimestamp = now,
                Tags = command.Tags.DistinctBy(t => t.Key).Select(t => new ModelVersionTag { Key = t.Key, Value = t.Value }).ToList(),
                PackageFormat = info.Format,
                Flavor = info.Flavor,
                Flavors = info.FlavorsJson,
                Signature = info.SignatureJson,
                InputExamplePath = info.InputExamplePath,
                UnsafeFormat = info.UnsafeFormat,
                Origin = upload?.Origin ?? ModelOrigins.InHouse,
                ProvenanceOrigin = upload?.Provenance?.Origin,
                License = upload?.Provenance?.License,
                Author = upload?.Provenance?.Author,
                SourceUrl = upload?.Provenance?.SourceUrl,
            };
            db.ModelVersions.Add(created);
            db.ModelVersionFiles.AddRange(files);
            await db.SaveChangesAsync(cancellationToken);
            if (resolved.LoggedModelId is { } loggedModelId)
            {
                await registrations.AddAsync(loggedModelId, model.Name, number, cancellationToken);
            }

            await cards.FillAsync(model.Id, number, cancellationToken);
            // MLflow's payload carries the run_id of the request, not one Slipway derives from a runs:/ source.
            await events.RecordAsync(new RegistryChange(model.WorkspaceId, model.Id, model.Name, number, RegistryEntities.ModelVersion, RegistryActions.Created,
                RegistryEventData.ModelVersionCreated(model.Name, number, created.Source, command.RunId, created.Tags.Select(t => KeyValuePair.Create(t.Key, t.Value)), command.Description)), cancellationToken);
            await events.CommitAsync(transaction, cancellationToken);
        }
        catch
        {
            db.ChangeTracker.Clear();
            await storage.DiscardAsync(storageKey);
            throw;
        }

        db.ChangeTracker.Clear();
        return await loader.VersionAsync(model, number, cancellationToken);
    }
}
