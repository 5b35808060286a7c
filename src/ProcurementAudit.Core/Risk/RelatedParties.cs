using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Data;

namespace ProcurementAudit.Core.Risk;

/// <summary>A beneficial owner as the relation checks see it: the known person, the tax number and the normalised name.</summary>
internal sealed record OwnerKey(int OwnerId, int? PersonId, string? TaxNumber, string Name);

/// <summary>A party as the relation checks see it: normalised contacts, address and beneficial owners.</summary>
internal sealed record PartyProfile(int Id, string Name, string? Phone, string? Email, string? Address, IReadOnlyList<OwnerKey> Owners);

/// <summary>A person who can make a party an insider: an official of the enterprise or one of their declared relatives.</summary>
internal sealed record PersonKey(int PersonId, string? TaxNumber, string Name);

/// <summary>
/// How two parties are related for the lease indicators: they share a beneficial owner (the same known person, the
/// same tax number, or, where a tax number is missing on either side, the same normalised name), a street address,
/// an e-mail address or a phone number. Shared values stay out of the evidence (they may be personal data): it
/// names only the kinds of link and the ids.
/// </summary>
internal static class RelatedParties
{
    public static async Task<Dictionary<int, PartyProfile>> LoadAsync(AuditDbContext db, IEnumerable<int> partyIds, CancellationToken ct)
    {
        var ids = partyIds.Distinct().ToArray();
        if (ids.Length == 0) return [];
        var parties = await db.Parties.AsNoTracking().Where(p => ids.Contains(p.Id))
            .Select(p => new { p.Id, p.Name, p.ContactPhone, p.ContactEmail, p.StreetAddress, p.Locality })
            .ToListAsync(ct);
        var owners = (await db.BeneficialOwners.AsNoTracking().Where(o => ids.Contains(o.PartyId))
                .Select(o => new { o.Id, o.PartyId, o.PersonId, o.TaxNumber, o.FullName })
                .ToListAsync(ct))
            .ToLookup(o => o.PartyId, o => new OwnerKey(o.Id, o.PersonId, Blank(o.TaxNumber), NormaliseName(o.FullName)));
        return parties.ToDictionary(p => p.Id, p => new PartyProfile(p.Id, p.Name, NormalisePhone(p.ContactPhone),
            Blank(p.ContactEmail)?.ToLowerInvariant(),
            Blank(p.StreetAddress) is { } street ? NormaliseName(street + " " + p.Locality) : null,
            owners[p.Id].OrderBy(o => o.OwnerId).ToList()));
    }

    /// <summary>The kinds of link between two distinct parties (empty when unrelated): beneficialOwner, address, email, phone.</summary>
    public static List<string> Links(PartyProfile a, PartyProfile b)
    {
        var links = new List<string>();
        if (a.Id == b.Id) return links;
        if (a.Owners.Any(x => b.Owners.Any(y => SameOwner(x, y)))) links.Add("beneficialOwner");
        if (a.Address is not null && a.Address == b.Address) links.Add("address");
        if (a.Email is not null && a.Email == b.Email) links.Add("email");
        if (a.Phone is not null && a.Phone == b.Phone) links.Add("phone");
        return links;
    }

    public static bool SameOwner(OwnerKey a, OwnerKey b)
    {
        if (a.PersonId is { } p && p == b.PersonId) return true;
        if (a.TaxNumber is not null && b.TaxNumber is not null) return a.TaxNumber == b.TaxNumber;
        return a.Name.Length > 0 && a.Name == b.Name;
    }

    /// <summary>How an owner is the person (null when not): "person" (the same record), "taxNumber" or "name".</summary>
    public static string? MatchPerson(OwnerKey owner, PersonKey person)
    {
        if (owner.PersonId == person.PersonId) return "person";
        if (owner.TaxNumber is not null && person.TaxNumber is not null) return owner.TaxNumber == person.TaxNumber ? "taxNumber" : null;
        return owner.Name.Length > 0 && owner.Name == NormaliseName(person.Name) ? "name" : null;
    }

    /// <summary>Case, punctuation, quotes and apostrophes (’ ' ʼ) and spacing do not make names or addresses differ.</summary>
    public static string NormaliseName(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return "";
        var builder = new StringBuilder(value.Length);
        var space = false;
        foreach (var c in value.Normalize(NormalizationForm.FormC).ToLower(CultureInfo.InvariantCulture))
        {
            // U+02BC (the Ukrainian apostrophe) counts as a letter to .NET: drop it with the other apostrophes.
            if (c is '\'' or '\u2019' or '\u02BC' or '\u2018' or '`') continue;
            if (char.IsLetterOrDigit(c))
            {
                if (space && builder.Length > 0) builder.Append(' ');
                builder.Append(c);
                space = false;
            }
            else if (char.IsWhiteSpace(c) || c is ',' or '.' or '-' or '/')
                space = true;
            // Apostrophes, quotes and other marks are dropped without a break: "Сом'як" = "Сомʼяк" = "Сомяк".
        }
        return builder.ToString();
    }

    /// <summary>Digits only, compared on the last nine (the subscriber number without +380 or 0).</summary>
    public static string? NormalisePhone(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var digits = new string(value.Where(char.IsDigit).ToArray());
        if (digits.Length < 5) return null;
        return digits.Length > 9 ? digits[^9..] : digits;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
