using FluentValidation;
using FluentValidation.Results;
using MediatR;
using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Common;
using ProcurementAudit.Core.Data;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Risk;

/// <summary>
/// Sets an indicator's parameters for a conglomerate: a new settings version every time (older ones are kept).
/// Parameters not given take their defaults. The next scan (nightly, or a rescan after a change) applies them.
/// </summary>
public static class UpdateIndicatorSettings
{
    public sealed record Command(string Code, int? ConglomerateId, IReadOnlyDictionary<string, decimal>? Parameters) : IRequest<GetIndicatorSettings.Result>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IndicatorCatalog catalog)
        {
            RuleFor(c => c.ConglomerateId).NotNull().WithMessage("conglomerateId is required.");
            RuleFor(c => c.Parameters).NotNull().WithMessage("parameters is required.");
            RuleFor(c => c).Custom((command, context) =>
            {
                // An unknown code is a 404 from the handler, not a field error.
                if (command.Parameters is null || catalog.Find(command.Code) is not { } indicator) return;
                var definitions = indicator.Parameters.ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);
                foreach (var (name, value) in command.Parameters)
                {
                    var field = $"parameters.{name}";
                    if (!definitions.TryGetValue(name, out var definition))
                        context.AddFailure(new ValidationFailure(field, $"{indicator.Code} has no parameter '{name}'; it has {string.Join(", ", definitions.Keys)}."));
                    else if (definition.Check(value) is { } error)
                        context.AddFailure(new ValidationFailure(field, error));
                }
            });
        }
    }

    internal sealed class Handler(AuditDbContext db, IndicatorCatalog catalog, ICurrentActor actor, TimeProvider clock, IMediator mediator)
        : IRequestHandler<Command, GetIndicatorSettings.Result>
    {
        public async Task<GetIndicatorSettings.Result> Handle(Command request, CancellationToken cancellationToken)
        {
            var indicator = catalog.Find(request.Code) ?? throw new NotFoundException("Indicator", request.Code);
            var conglomerateId = request.ConglomerateId!.Value;
            await GetIndicatorSettings.EnsureConglomerateAsync(db, conglomerateId, cancellationToken);
            var names = indicator.Parameters.ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);
            var values = request.Parameters!.ToDictionary(p => names[p.Key].Name, p => p.Value);
            var parameters = new IndicatorParameters(indicator, values);
            var current = await db.IndicatorSettings.Where(s => s.ConglomerateId == conglomerateId && s.Code == indicator.Code)
                .MaxAsync(s => (int?)s.SettingsVersion, cancellationToken) ?? 0;
            db.IndicatorSettings.Add(new IndicatorSettings
            {
                ConglomerateId = conglomerateId,
                Code = indicator.Code,
                SettingsVersion = current + 1,
                ParametersJson = parameters.ToJson(),
                ChangedAt = clock.GetUtcNow().UtcDateTime,
                ChangedBy = actor.Id,
            });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException ex) when (FlagSynchronizer.IsRace(ex))
            {
                throw new ConflictException($"The settings of {indicator.Code} were changed at the same moment; read them again and retry.");
            }
            return await mediator.Send(new GetIndicatorSettings.Query(indicator.Code, conglomerateId), cancellationToken);
        }
    }
}
