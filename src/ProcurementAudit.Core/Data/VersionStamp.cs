using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ProcurementAudit.Core.Data;

/// <summary>
/// Bumps the integer <c>Version</c> concurrency token of every modified aggregate root, so a save based on a
/// stale read fails with <see cref="DbUpdateConcurrencyException"/> on SQLite and SQL Server alike.
/// </summary>
public sealed class VersionStamp : SaveChangesInterceptor
{
    public const string PropertyName = "Version";

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Stamp(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Stamp(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private static void Stamp(DbContext? context)
    {
        if (context is null) return;
        foreach (var entry in context.ChangeTracker.Entries())
        {
            var version = entry.Metadata.FindProperty(PropertyName);
            if (version is null || !version.IsConcurrencyToken) continue;
            if (entry.State == EntityState.Modified)
            {
                var property = entry.Property(PropertyName);
                property.CurrentValue = (int)property.OriginalValue! + 1;
            }
        }
    }
}
