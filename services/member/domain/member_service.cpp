#include "member/domain/member_service.hpp"

#include <algorithm>
#include <stdexcept>

#include "eda/core/uuid.hpp"

namespace eda::member {
namespace {

using Scope = LoginThrottleStore::Scope;

// The throttle subject for a loginId: lower-cased (the store compares loginIds case-insensitively)
// and bounded (anything longer than the longest valid loginId cannot exist; merging those
// counters is harmless and keeps keys small).
std::string LoginKey(std::string_view login_id) {
  std::string key(login_id.substr(0, kLoginIdMaxLength + 1));
  std::transform(key.begin(), key.end(), key.begin(),
                 [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; });
  return key;
}

MemberError InvalidCredentials() {
  return MemberError::Of(MemberErrc::kInvalidCredentials, "the loginId or the password is wrong");
}

}  // namespace

MemberService::MemberService(Ports ports, Settings settings) : ports_(std::move(ports)), settings_(std::move(settings)) {
  // The dummy password is random so that no real password can ever match the dummy hash.
  auto hash = ports_.passwords.Hash(eda::NewUuid());
  if (!hash) throw std::runtime_error("member: cannot compute the dummy password hash: " + hash.error().code);
  dummy_hash_ = std::move(hash).value();
}

MemberResult<Member> MemberService::Register(const RegistrationInput& input, const Caller& caller,
                                             std::string_view client_address) const {
  if (auto valid = ValidateRegistration(input); !valid) return std::move(valid).error();
  const std::optional<Role> requested = input.role ? ParseRole(*input.role) : std::nullopt;
  auto role = DecideRegistrationRole(requested, caller, *input.login_id, settings_.bootstrap_admin_login_id);
  if (!role) return std::move(role).error();
  const std::string address(client_address);
  if (!address.empty()) {
    auto by_address = ports_.throttle.Get(Scope::kAddress, address);
    if (!by_address) return MemberError::FromInfrastructure(by_address.error());
    if (auto wait = LockedFor(FailureCounter{}, *by_address, settings_.throttle)) return MemberError::Throttled(*wait);
  }
  // Hashed before the insert, so a taken loginId costs the same time as a fresh one.
  auto hash = ports_.passwords.Hash(*input.password);
  if (!hash) return MemberError::FromInfrastructure(hash.error());
  auto created = ports_.members.Create(MemberRepository::NewMember{*input.login_id, *input.user_name,
                                                                   std::move(hash).value(), *role, ports_.clock()});
  if (!created) {
    if (created.error().code == MemberRepository::kDuplicateLoginId) {
      if (auto recorded = RecordFailure("", address); !recorded) return std::move(recorded).error();
      return MemberError::Of(MemberErrc::kDuplicateLoginId, "this loginId is already registered");
    }
    return MemberError::FromInfrastructure(created.error());
  }
  return std::move(created).value();
}

MemberResult<Member> MemberService::Modify(const Caller& caller, MemberId target, const ModificationInput& input) const {
  if (auto allowed = AuthorizeModify(caller, target); !allowed) return std::move(allowed).error();
  auto found = ports_.members.FindById(target);
  if (!found) return MemberError::FromInfrastructure(found.error());
  if (!*found) return MemberError::Of(MemberErrc::kMemberNotFound, "no member has this id");
  Member member = (*found)->member;
  if (auto valid = ValidateModification(input, member.login_id); !valid) return std::move(valid).error();
  // A stolen access token alone must not be enough to take the account over.
  if (input.password && caller.member_id == target) {
    if (auto checked = CheckCurrentPassword(**found, input.current_password); !checked) {
      return std::move(checked).error();
    }
  }

  std::optional<std::string> new_hash;
  if (input.password) {
    auto hash = ports_.passwords.Hash(*input.password);
    if (!hash) return MemberError::FromInfrastructure(hash.error());
    new_hash = std::move(hash).value();
  }
  const auto now = ports_.clock();
  auto updated = ports_.members.Update(target, input.user_name, new_hash, now);
  if (!updated) return MemberError::FromInfrastructure(updated.error());
  if (!*updated) return MemberError::Of(MemberErrc::kMemberNotFound, "no member has this id");
  if (new_hash) {
    // Whoever holds a session of the old password loses it.
    if (auto revoked = ports_.refresh_tokens.RevokeAllOfMember(target, now); !revoked) {
      return MemberError::FromInfrastructure(revoked.error());
    }
    if (auto revoked = RevokeAccessTokens(target, now); !revoked) return std::move(revoked).error();
  }
  if (input.user_name) member.user_name = *input.user_name;
  return member;
}

MemberResult<Member> MemberService::FindByLoginId(const Caller& caller, std::string_view login_id) const {
  // Anonymous callers are refused before any lookup, so timing tells them nothing either.
  if (!caller.authenticated()) return AuthorizeRead(caller, std::nullopt);
  auto found = ports_.members.FindByLoginId(login_id);
  if (!found) return MemberError::FromInfrastructure(found.error());
  std::optional<Member> member;
  if (*found) member = (*found)->member;
  return AuthorizeRead(caller, member);
}

MemberResult<std::vector<SellerName>> MemberService::SellerNames(std::vector<MemberId> ids) const {
  auto valid = ValidateSellerLookup(std::move(ids));
  if (!valid) return std::move(valid).error();
  auto found = ports_.members.FindSellerNames(*valid);
  if (!found) return MemberError::FromInfrastructure(found.error());
  return std::move(found).value();
}

MemberResult<MemberService::Session> MemberService::Login(const LoginInput& input,
                                                          std::string_view client_address) const {
  if (auto valid = ValidateLogin(input); !valid) return std::move(valid).error();
  const std::string login_key = LoginKey(*input.login_id);
  const std::string address(client_address);

  auto by_login = ports_.throttle.Get(Scope::kLoginId, login_key);
  if (!by_login) return MemberError::FromInfrastructure(by_login.error());
  FailureCounter by_address;
  if (!address.empty()) {
    auto counter = ports_.throttle.Get(Scope::kAddress, address);
    if (!counter) return MemberError::FromInfrastructure(counter.error());
    by_address = *counter;
  }
  if (auto wait = LockedFor(*by_login, by_address, settings_.throttle)) return MemberError::Throttled(*wait);

  auto found = ports_.members.FindByLoginId(*input.login_id);
  if (!found) return MemberError::FromInfrastructure(found.error());
  // Same argon2id work whether or not the member exists: no enumeration by timing.
  const std::string& stored = *found ? (*found)->password_hash : dummy_hash_;
  const bool verified = ports_.passwords.Verify(stored, *input.password) && found->has_value();
  if (!verified) {
    if (auto recorded = RecordFailure(login_key, address); !recorded) return std::move(recorded).error();
    return InvalidCredentials();
  }

  const Member& member = (*found)->member;
  if (auto reset = ports_.throttle.Reset(Scope::kLoginId, login_key); !reset) {
    return MemberError::FromInfrastructure(reset.error());
  }
  if (ports_.passwords.NeedsRehash(stored)) {
    // Best effort: a failure here leaves the old (still valid) hash, and the next login retries.
    if (auto rehashed = ports_.passwords.Hash(*input.password)) {
      (void)ports_.members.Update(member.id, std::nullopt, std::move(rehashed).value(), ports_.clock());
    }
  }
  return StartSession(**found);
}

MemberResult<void> MemberService::RecordFailure(const std::string& login_key, std::string_view client_address) const {
  const std::pair<Scope, std::int64_t> scopes[] = {{Scope::kLoginId, settings_.throttle.max_failures_per_login},
                                                   {Scope::kAddress, settings_.throttle.max_failures_per_address}};
  for (const auto& [scope, limit] : scopes) {
    const std::string subject = scope == Scope::kLoginId ? login_key : std::string(client_address);
    if (subject.empty()) continue;  // address unknown: only the loginId counter applies
    auto count = ports_.throttle.Increment(scope, subject);
    if (!count) return MemberError::FromInfrastructure(count.error());
    if (auto ttl = ExpiryAfterFailure(*count, limit, settings_.throttle)) {
      if (auto set = ports_.throttle.Expire(scope, subject, *ttl); !set) {
        return MemberError::FromInfrastructure(set.error());
      }
    }
  }
  return {};
}

MemberResult<void> MemberService::CheckCurrentPassword(const MemberRepository::StoredMember& stored,
                                                      const std::optional<std::string>& password) const {
  if (!password || password->empty()) {
    return MemberError::Invalid(
        {FieldError{"currentPassword", "required", "the current password is required to change the password"}});
  }
  const std::string login_key = LoginKey(stored.member.login_id);
  auto by_login = ports_.throttle.Get(Scope::kLoginId, login_key);
  if (!by_login) return MemberError::FromInfrastructure(by_login.error());
  if (auto wait = LockedFor(*by_login, FailureCounter{}, settings_.throttle)) return MemberError::Throttled(*wait);
  if (!ports_.passwords.Verify(stored.password_hash, *password)) {
    if (auto recorded = RecordFailure(login_key, ""); !recorded) return std::move(recorded).error();
    return MemberError::Of(MemberErrc::kInvalidCredentials, "the current password is wrong");
  }
  return {};
}

MemberResult<void> MemberService::EndSession(const RefreshTokenRecord& token, Clock::time_point now) const {
  if (auto revoked = ports_.refresh_tokens.RevokeFamily(token.family_id, now); !revoked) {
    return MemberError::FromInfrastructure(revoked.error());
  }
  return RevokeAccessTokens(token.member_id, now);
}

MemberResult<void> MemberService::RevokeAccessTokens(MemberId member_id, Clock::time_point now) const {
  auto raised = ports_.members.RaiseTokenVersion(member_id, now);
  // A member deleted meanwhile has no tokens left to revoke.
  if (!raised && raised.error().code != MemberRepository::kNoSuchMember) {
    return MemberError::FromInfrastructure(raised.error());
  }
  return {};
}

MemberResult<std::vector<MemberRepository::TokenRevocation>> MemberService::Revocations(std::int64_t after_seq,
                                                                                        std::size_t limit) const {
  const auto now = ports_.clock();
  auto found = ports_.members.RevocationsAfter(after_seq, now - kRevocationLookBack,
                                               now - settings_.access_token_horizon, limit);
  if (!found) return MemberError::FromInfrastructure(found.error());
  return std::move(found).value();
}

MemberResult<MemberService::Session> MemberService::StartSession(const MemberRepository::StoredMember& stored) const {
  const Member& member = stored.member;
  const auto now = ports_.clock();
  std::string raw = ports_.refresh_codec.NewToken();
  const auto record = StartFamily(member.id, eda::NewUuid(), eda::NewUuid(), now, settings_.refresh_ttl);
  if (auto stored = ports_.refresh_tokens.Insert(record, ports_.refresh_codec.Hash(raw), now); !stored) {
    return MemberError::FromInfrastructure(stored.error());
  }
  return Session{member, ports_.access_tokens.Issue(member, stored.token_version), std::move(raw)};
}

MemberResult<MemberService::Session> MemberService::Refresh(std::string_view refresh_token) const {
  const auto now = ports_.clock();
  auto found = ports_.refresh_tokens.FindByHash(ports_.refresh_codec.Hash(refresh_token));
  if (!found) return MemberError::FromInfrastructure(found.error());
  const RefreshDecision decision = DecideRefresh(*found, now);
  if (decision == RefreshDecision::kRevokeFamily) {
    if (auto revoked = EndSession(**found, now); !revoked) return std::move(revoked).error();
  }
  if (decision != RefreshDecision::kRotate) return RefreshError(decision);

  const RefreshTokenRecord& parent = **found;
  auto owner = ports_.members.FindById(parent.member_id);
  if (!owner) return MemberError::FromInfrastructure(owner.error());
  if (!*owner) return RefreshError(RefreshDecision::kRejectUnknown);

  std::string raw = ports_.refresh_codec.NewToken();
  const auto child = NextInFamily(parent, eda::NewUuid(), now, settings_.refresh_ttl);
  auto rotated = ports_.refresh_tokens.Rotate(parent.id, child, ports_.refresh_codec.Hash(raw), now);
  if (!rotated) return MemberError::FromInfrastructure(rotated.error());
  if (!*rotated) {
    // Another request spent this token between our read and our write: that is a reuse too.
    if (auto revoked = EndSession(parent, now); !revoked) return std::move(revoked).error();
    return RefreshError(RefreshDecision::kRevokeFamily);
  }
  const Member& member = (*owner)->member;
  return Session{member, ports_.access_tokens.Issue(member, (*owner)->token_version), std::move(raw)};
}

MemberResult<void> MemberService::Logout(std::string_view refresh_token) const {
  auto found = ports_.refresh_tokens.FindByHash(ports_.refresh_codec.Hash(refresh_token));
  if (!found) return MemberError::FromInfrastructure(found.error());
  if (!*found) return {};
  return EndSession(**found, ports_.clock());
}

}  // namespace eda::member
