/** The GraphQL operations of the signing pages (我的签名密钥, 签字确认). */
import { graphql } from '../gql';

export const MySigningKeysDocument = graphql(`
  query MySigningKeys {
    me {
      id
      name
      signingKeys {
        kid
        publicKey
        status
        registeredAt
        revokedAt
        revokeReason
      }
    }
  }
`);

export const RegisterSigningKeyDocument = graphql(`
  mutation RegisterSigningKey($personId: ID!, $publicKey: String!) {
    registerSigningKey(personId: $personId, publicKey: $publicKey) {
      kid
      status
      registeredAt
    }
  }
`);

export const RevokeSigningKeyDocument = graphql(`
  mutation RevokeSigningKey($personId: ID!, $kid: String!, $reason: String!) {
    revokeSigningKey(personId: $personId, kid: $kid, reason: $reason) {
      kid
      status
      revokedAt
      revokeReason
    }
  }
`);

export const InterviewToSignDocument = graphql(`
  query InterviewToSign($id: ID!) {
    interview(id: $id) {
      id
      status
      version
      cycle
      employeeId
      managerId
      participantIds
      requiredSignatures
      lockedAt
      employee {
        id
        name
      }
      manager {
        id
        name
      }
      template {
        id
        name
        nameEn
        sections {
          key
          label
          labelEn
          fields {
            key
            label
            labelEn
          }
        }
      }
      flow {
        id
        steps {
          key
          signing
        }
      }
      workflow {
        step
        label
        labelEn
        pendingActorIds
      }
      signatures {
        version
        role
        signerId
        kid
        contentDigest
        receivedAt
        ip
        userAgent
        current
      }
    }
  }
`);

export const SigningMessageDocument = graphql(`
  query SigningMessageToSign($interviewId: ID!, $version: Int!, $role: SignatureRole!) {
    signingMessage(interviewId: $interviewId, version: $version, role: $role) {
      interviewId
      version
      role
      signerId
      payloadType
      contentDigest
      content
      message
      current
    }
  }
`);

export const SignInterviewDocument = graphql(`
  mutation SignInterviewInBrowser($input: SignInterviewInput!) {
    signInterview(input: $input) {
      id
      status
      version
      lockedAt
      signatures {
        version
        role
        signerId
        kid
        contentDigest
        receivedAt
        ip
        userAgent
        current
      }
    }
  }
`);

export const SignInterviewChangedDocument = graphql(`
  subscription SignInterviewChanged($interviewId: ID) {
    interviewChanged(interviewId: $interviewId) {
      interviewId
      version
    }
  }
`);
