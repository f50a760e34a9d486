"""Test files in the layouts of the standards, built from their published headers and
invented values (never real case data)."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

# Row 1 and row 2 of HTCDS-Excel-Spreadsheet-v2.0.xlsx as published: column A without a field
# name, the misspelt vic_TraffickinStatusDecisionMakingOrg, the mailing-address labels in
# another order than the names, and no name over "Reason for Outgoing Referral".
HTCDS_NAMES = [
    None, "cas_CaseOwner", "prs_Salutation", "prs_FirstName", "prs_SecondName", "con_Consent",
    "prs_Birthdate", "prs_Gender", "prs_Citizenship", "prs_Title", "prs_Email",
    "prs_HomePhone", "prs_MobilePhone", "prs_MailingCity", "prs_MailingCountry",
    "prs_MailingState", "prs_MailingStreet", "prs_MailingPostalCode", "vic_TraffickingStatus",
    "vic_TraffickinStatusDecisionMakingOrg", "vic_MethodOfRecruitment",
    "vic_LocationOfRecruitment", "vic_MethodsOfControl", "vic_TypeOfExploitation",
    "vic_ForcedLabourIndustry", "vic_TypeOfSexExploitation", "vic_LocationOfExploitation",
    "cas_Status", "cas_ReferringOrganisation", "cas_IncomingReferralDate",
    "cas_ReferringPrimaryCaseWorker", "cas_ReasonForIncomingReferral",
    "cas_IncomingReferralDetails", "cas_ReferredOrganisation", "cas_ReferredPrimaryCaseWorker",
    None, "cas_OutgoingReferralDate", "cas_OutgoingReferralDetails", "cas_ReasonForCaseClosure",
]
HTCDS_LABELS = [
    None, "Case Owner", "Salutation", "First Name", "Second Name", "Consent", "Birthdate",
    "Gender", "Citizenship", "Title", "Email", "Home Phone", "Mobile Phone", "Mailing Street",
    "Mailing City", "Mailing State/Province", "Mailing Zip/Postal Code", "Mailing Country",
    "Trafficking Status", "Trafficking Status Decision Making Organization",
    "Method of Recruitment", "Location of Recruitment", "Methods of Control",
    "Type of Exploitation", "Forced Labour Industry", "Type of Sex Exploitation",
    "Location of Exploitation", "Status", "Referring Organisation", "Incoming Referral Date",
    "Referring Primary Case Worker", "Reason for Incoming Referral", "Incoming Referral Details",
    "Referred Organisation", "Referred Primary Case Worker", "Reason for Outgoing Referral",
    "Outgoing Referral Date", "Outgoing Referral Details", "Reason for Case Closure",
]

# invented cases: field name (None: column A, the case number) -> value
HTCDS_CASES: list[dict[str | None, str]] = [
    {None: "1", "cas_CaseOwner": "Casa Refugio", "prs_FirstName": "Ana", "prs_SecondName":
     "Lopez Ruiz", "prs_Birthdate": "1998-04-02", "prs_Gender": "Feminine",
     "prs_Citizenship": "GT", "prs_MobilePhone": "+502 5550 1234",
     "vic_TraffickingStatus": "ActualVictimOfTrafficking",
     "vic_LocationOfRecruitment": "Quetzaltenango, GT",
     "vic_MethodsOfControl": "DebtBondage;WithholdsDocuments;Physical threats",
     "vic_TypeOfExploitation": "ForcedLabour", "vic_ForcedLabourIndustry":
     "A_AgricultureForestryAndFishing", "vic_LocationOfExploitation": "Tapachula, MX",
     "cas_Status": "Active", "cas_ReferringOrganisation": "Labour Inspectorate Chiapas",
     "cas_IncomingReferralDate": "2024-02-10", "cas_ReferredOrganisation": "Fiscalia FEVIMTRA",
     "cas_OutgoingReferralDate": "2024-03-01"},
    {None: "2", "cas_CaseOwner": "Casa Refugio", "prs_FirstName": "Maria", "prs_SecondName":
     "Xol", "prs_Gender": "Feminine", "prs_Citizenship": "HND",
     "vic_MethodsOfControl": "FalsePromises;RestrictsMovement",
     "vic_TypeOfExploitation": "Servitude", "vic_ForcedLabourIndustry":
     "T_ActivitiesOfHouseholdsAsEmployers", "vic_LocationOfExploitation": "Mexico",
     "cas_Status": "ClosedReferred"},
]


def write_htcds_xlsx(path: Path, cases: list[dict[str | None, str]] = HTCDS_CASES,
                     *, label_row: bool = True, empty_numbered: int = 5) -> Path:
    """An HTCDS sheet as published: names, labels, the cases, then numbered empty rows."""
    book = Workbook()
    sheet = book.active
    sheet.append(HTCDS_NAMES)
    if label_row:
        sheet.append(HTCDS_LABELS)
    for case in cases:
        sheet.append([case.get(name, None) for name in HTCDS_NAMES])
    for n in range(empty_numbered):
        sheet.append([len(cases) + n + 1])
    book.save(path)
    return path


# CTDC: the published column layouts, invented rows


def _columns(header: str) -> list[str]:
    return header.split(",")


CTDC_K_COLUMNS = _columns(
    "yearOfRegistration,Datasource,gender,ageBroad,majorityStatus,majorityStatusAtExploit,"
    "majorityEntry,citizenship,meansOfControlDebtBondage,meansOfControlTakesEarnings,"
    "meansOfControlRestrictsFinancialAccess,meansOfControlThreats,"
    "meansOfControlPsychologicalAbuse,meansOfControlPhysicalAbuse,meansOfControlSexualAbuse,"
    "meansOfControlFalsePromises,meansOfControlPsychoactiveSubstances,"
    "meansOfControlRestrictsMovement,meansOfControlRestrictsMedicalCare,"
    "meansOfControlExcessiveWorkingHours,meansOfControlUsesChildren,"
    "meansOfControlThreatOfLawEnforcement,meansOfControlWithholdsNecessities,"
    "meansOfControlWithholdsDocuments,meansOfControlOther,meansOfControlNotSpecified,"
    "meansOfControlConcatenated,isForcedLabour,isSexualExploit,isOtherExploit,isSexAndLabour,"
    "isForcedMarriage,isForcedMilitary,isOrganRemoval,isSlaveryAndPractices,"
    "typeOfExploitConcatenated,typeOfLabourAgriculture,typeOfLabourAquafarming,"
    "typeOfLabourBegging,typeOfLabourConstruction,typeOfLabourDomesticWork,"
    "typeOfLabourHospitality,typeOfLabourIllicitActivities,typeOfLabourManufacturing,"
    "typeOfLabourMiningOrDrilling,typeOfLabourPeddling,typeOfLabourTransportation,"
    "typeOfLabourOther,typeOfLabourNotSpecified,typeOfLabourConcatenated,"
    "typeOfSexProstitution,typeOfSexPornography,typeOfSexRemoteInteractiveServices,"
    "typeOfSexPrivateSexualServices,typeOfSexConcatenated,isAbduction,RecruiterRelationship,"
    "CountryOfExploitation,recruiterRelationIntimatePartner,recruiterRelationFriend,"
    "recruiterRelationFamily,recruiterRelationOther,recruiterRelationUnknown"
)
CTDC_S_COLUMNS = _columns(
    "yearOfRegistration,gender,ageBroad,citizenship,CountryOfExploitation,traffickMonths,"
    "meansDebtBondageEarnings,meansThreats,meansAbusePsyPhySex,meansFalsePromises,"
    "meansDrugsAlcohol,meansDenyBasicNeeds,meansExcessiveWorkHours,meansWithholdDocs,"
    "isForcedLabour,isSexualExploit,isOtherExploit,typeOfLabourAgriculture,"
    "typeOfLabourConstruction,typeOfLabourDomesticWork,typeOfLabourHospitality,"
    "typeOfSexProstitution,typeOfSexPornography,recruiterRelationIntimatePartner,"
    "recruiterRelationFriend,recruiterRelationFamily,recruiterRelationOther"
)


def write_ctdc(path: Path, columns: list[str], rows: list[dict[str, str]],
               delimiter: str = ",") -> Path:
    """A CTDC file of ``columns``; cells not given are -99 (not known)."""
    lines = [delimiter.join(columns)]
    lines += [delimiter.join(row.get(c, "-99") for c in columns) for row in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
