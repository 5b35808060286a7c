namespace ProcurementAudit.Reports;

/// <summary>Marker for the PDF composition assembly.</summary>
public static class ReportsAssembly;
