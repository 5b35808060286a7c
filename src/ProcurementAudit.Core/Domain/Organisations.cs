namespace ProcurementAudit.Core.Domain;

public enum OrganisationKind { Conglomerate, Enterprise }

/// <summary>A conglomerate (holding) or one of its member enterprises.</summary>
public class Organisation
{
    public int Id { get; set; }
    public OrganisationKind Kind { get; set; }
    public int? ParentId { get; set; }
    public Organisation? Parent { get; set; }
    public required string Name { get; set; }
    /// <summary>EDRPOU code of the legal entity.</summary>
    public required string Edrpou { get; set; }
    public string? Region { get; set; }
    public string? Address { get; set; }
    public List<OrganisationOfficial> Officials { get; set; } = [];
}

public class Person
{
    public int Id { get; set; }
    public required string FullName { get; set; }
    /// <summary>Individual tax number (RNOKPP) where known; personal data.</summary>
    public string? TaxNumber { get; set; }
    public List<PersonRelative> Relatives { get; set; } = [];
}

public enum OfficialRole { Director, Manager, BoardMember, SupervisoryBoardMember }

/// <summary>A person holding a post at an organisation (director, manager, board member).</summary>
public class OrganisationOfficial
{
    public int Id { get; set; }
    public int OrganisationId { get; set; }
    public int PersonId { get; set; }
    public Person? Person { get; set; }
    public OfficialRole Role { get; set; }
    public required string Title { get; set; }
    public DateTime From { get; set; }
    public DateTime? To { get; set; }
}

/// <summary>A relative an official declared (asset declarations name them).</summary>
public class PersonRelative
{
    public int Id { get; set; }
    public int PersonId { get; set; }
    public int RelativeId { get; set; }
    public Person? Relative { get; set; }
    public required string Relation { get; set; }
}
