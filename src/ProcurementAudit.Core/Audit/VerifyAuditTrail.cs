using MediatR;
using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Data;

namespace ProcurementAudit.Core.Audit;

/// <summary>Walks the hash chain from the first entry and reports the first entry whose link is broken.</summary>
public static class VerifyAuditTrail
{
    public sealed record Query : IRequest<Result>;

    public sealed record Result(bool Intact, long EntriesChecked, long? FirstBrokenSequence, long? FirstBrokenId, string? Problem);

    internal sealed class Handler(AuditDbContext db) : IRequestHandler<Query, Result>
    {
        private const int Batch = 2000;

        public async Task<Result> Handle(Query request, CancellationToken cancellationToken)
        {
            var previousHash = AuditTrailWriter.Genesis;
            long expectedSequence = 1, checkedCount = 0, after = 0;
            while (true)
            {
                var batch = await db.AuditTrail.AsNoTracking().Where(e => e.Sequence > after).OrderBy(e => e.Sequence).Take(Batch).ToListAsync(cancellationToken);
                if (batch.Count == 0) return new Result(true, checkedCount, null, null, null);
                foreach (var entry in batch)
                {
                    string? problem = null;
                    if (entry.Sequence != expectedSequence) problem = $"entry {expectedSequence} is missing";
                    else if (entry.PreviousHash != previousHash) problem = "its previous-hash does not match the entry before it";
                    else if (AuditTrailWriter.HashOf(entry) != entry.Hash) problem = "its content does not match its hash (the row was altered)";
                    if (problem is not null) return new Result(false, checkedCount, entry.Sequence, entry.Id, problem);
                    previousHash = entry.Hash;
                    expectedSequence++;
                    checkedCount++;
                    after = entry.Sequence;
                }
            }
        }
    }
}
