using MediatR;
using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Data;

namespace ProcurementAudit.Core.Access;

public static class ListAccess
{
    public sealed record Query(string? UserId = null) : IRequest<IReadOnlyList<GrantAccess.Result>>;

    internal sealed class Handler(AuditDbContext db) : IRequestHandler<Query, IReadOnlyList<GrantAccess.Result>>
    {
        public async Task<IReadOnlyList<GrantAccess.Result>> Handle(Query request, CancellationToken cancellationToken)
        {
            var query = db.UserAccess.AsNoTracking();
            if (request.UserId is { } user) query = query.Where(g => g.UserId == user);
            return await query.OrderBy(g => g.UserId).ThenBy(g => g.Id)
                .Select(g => new GrantAccess.Result(g.Id, g.UserId, g.Kind, g.TargetId)).ToListAsync(cancellationToken);
        }
    }
}
