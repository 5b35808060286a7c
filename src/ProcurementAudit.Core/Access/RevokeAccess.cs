using MediatR;
using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Common;
using ProcurementAudit.Core.Data;

namespace ProcurementAudit.Core.Access;

public static class RevokeAccess
{
    public sealed record Command(int Id) : IRequest<Unit>;

    internal sealed class Handler(AuditDbContext db) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command request, CancellationToken cancellationToken)
        {
            var grant = await db.UserAccess.SingleOrDefaultAsync(g => g.Id == request.Id, cancellationToken)
                ?? throw new NotFoundException("Access grant", request.Id);
            db.UserAccess.Remove(grant);
            await db.SaveChangesAsync(cancellationToken);
            return Unit.Value;
        }
    }
}
