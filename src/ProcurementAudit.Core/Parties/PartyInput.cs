using FluentValidation;
using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Common;
using ProcurementAudit.Core.Data;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Parties;

/// <summary>
/// A counterparty named in a command: either an existing party by id, or identified by scheme and code
/// (found, or created with the details given).
/// </summary>
public sealed record PartyInput(
    int? PartyId = null,
    string? Name = null,
    string? IdentifierScheme = null,
    string? IdentifierId = null,
    string? StreetAddress = null,
    string? Locality = null,
    string? ContactEmail = null,
    string? ContactPhone = null,
    IReadOnlyList<BeneficialOwnerInput>? BeneficialOwners = null);

public sealed record BeneficialOwnerInput(string FullName, string? TaxNumber = null, decimal? SharePercent = null);

public sealed class PartyInputValidator : AbstractValidator<PartyInput>
{
    public PartyInputValidator()
    {
        When(p => p.PartyId is null, () =>
        {
            RuleFor(p => p.Name).NotEmpty().MaximumLength(400);
            RuleFor(p => p.IdentifierId).NotEmpty().MaximumLength(200);
            RuleFor(p => p.IdentifierScheme).MaximumLength(40);
        });
        RuleFor(p => p.PartyId).GreaterThan(0).When(p => p.PartyId is not null);
        RuleFor(p => p.StreetAddress).MaximumLength(400);
        RuleFor(p => p.Locality).MaximumLength(400);
        RuleFor(p => p.ContactEmail).MaximumLength(400).EmailAddress().When(p => !string.IsNullOrEmpty(p.ContactEmail));
        RuleFor(p => p.ContactPhone).MaximumLength(40);
        RuleForEach(p => p.BeneficialOwners).ChildRules(o =>
        {
            o.RuleFor(x => x.FullName).NotEmpty().MaximumLength(400);
            o.RuleFor(x => x.TaxNumber).MaximumLength(20);
            o.RuleFor(x => x.SharePercent).InclusiveBetween(0, 100);
        });
    }
}

public static class PartyResolver
{
    public const string DefaultScheme = "UA-EDR";

    /// <summary>Finds the party the input names, or adds a new one to the context (saved with the caller's changes).</summary>
    public static async Task<Party> ResolveAsync(AuditDbContext db, PartyInput input, string field, CancellationToken ct)
    {
        if (input.PartyId is { } id)
            return await db.Parties.FindAsync([id], ct) ?? throw new DomainValidationException(field, $"Party {id} does not exist.");

        var scheme = string.IsNullOrWhiteSpace(input.IdentifierScheme) ? DefaultScheme : input.IdentifierScheme.Trim();
        var code = input.IdentifierId!.Trim();
        var existing = db.Parties.Local.FirstOrDefault(p => p.IdentifierScheme == scheme && p.IdentifierId == code)
            ?? await db.Parties.Include(p => p.BeneficialOwners).FirstOrDefaultAsync(p => p.IdentifierScheme == scheme && p.IdentifierId == code, ct);
        if (existing is not null) return existing;

        var party = new Party
        {
            Name = input.Name!.Trim(),
            IdentifierScheme = scheme,
            IdentifierId = code,
            StreetAddress = input.StreetAddress,
            Locality = input.Locality,
            ContactEmail = input.ContactEmail,
            ContactPhone = input.ContactPhone,
            BeneficialOwners = (input.BeneficialOwners ?? []).Select(o => new BeneficialOwner { FullName = o.FullName, TaxNumber = o.TaxNumber, SharePercent = o.SharePercent }).ToList(),
        };
        db.Parties.Add(party);
        return party;
    }
}
