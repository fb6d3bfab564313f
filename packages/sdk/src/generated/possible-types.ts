/* 由 pnpm codegen 生成，请勿手工修改。 */

      export type PossibleTypesResultData = {
  "possibleTypes": {
    "CommendationRecipient": [
      "Member",
      "Organization"
    ],
    "Node": [
      "CareVisit",
      "Commendation",
      "CommendationBatch",
      "CommunityReport",
      "Donation",
      "DonationItem",
      "FundAccount",
      "FundTransaction",
      "InspectionRecord",
      "InspectionTeam",
      "InspectionTeamMember",
      "Member",
      "MemberTransfer",
      "Organization",
      "OrganizationMove",
      "Position",
      "Post",
      "PostHolder",
      "Squad",
      "SquadMember",
      "TemporaryMembership",
      "VolunteerParticipation",
      "VolunteerService"
    ]
  }
};
      const result: PossibleTypesResultData = {
  "possibleTypes": {
    "CommendationRecipient": [
      "Member",
      "Organization"
    ],
    "Node": [
      "CareVisit",
      "Commendation",
      "CommendationBatch",
      "CommunityReport",
      "Donation",
      "DonationItem",
      "FundAccount",
      "FundTransaction",
      "InspectionRecord",
      "InspectionTeam",
      "InspectionTeamMember",
      "Member",
      "MemberTransfer",
      "Organization",
      "OrganizationMove",
      "Position",
      "Post",
      "PostHolder",
      "Squad",
      "SquadMember",
      "TemporaryMembership",
      "VolunteerParticipation",
      "VolunteerService"
    ]
  }
};
      export default result;
    