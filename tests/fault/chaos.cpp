#include "chaos.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <thread>

namespace eda::fault_test {

namespace {

using Clock = std::chrono::steady_clock;

bool TakesDown(std::string_view verb) { return verb == "kill" || verb == "stop"; }
bool BringsUp(std::string_view verb) { return verb == "start" || verb == "restart"; }

}  // namespace

Chaos::Chaos(std::string eda_root, std::string profile, std::filesystem::path log_file)
    : eda_root_(std::move(eda_root)), profile_(std::move(profile)), log_file_(std::move(log_file)) {}

Chaos::~Chaos() { (void)RestoreAll(std::chrono::seconds(180)); }

Status Chaos::Run(std::string_view verb, std::string_view component, std::chrono::seconds timeout) {
  const std::string exe = eda_root_ + "/eda";
  const std::string verb_s(verb), comp_s(component);
  {
    std::ofstream header(log_file_, std::ios::app);
    header << "\n==== eda " << verb_s << ' ' << comp_s << " --profile " << profile_ << '\n';
  }
  // Everything the child needs is prepared before fork: after fork only async-signal-safe calls.
  std::vector<std::string> args = {exe, verb_s, comp_s, "--profile", profile_};
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  const int out = ::open(log_file_.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
  if (out < 0) return Error::Permanent("chaos.spawn", "cannot open " + log_file_.string() + ": " + std::strerror(errno));
  const int in = ::open("/dev/null", O_RDONLY | O_CLOEXEC);

  const auto t0 = Clock::now();
  const pid_t pid = ::fork();
  if (pid < 0) {
    ::close(out);
    if (in >= 0) ::close(in);
    return Error::Permanent("chaos.spawn", std::string("fork: ") + std::strerror(errno));
  }
  if (pid == 0) {
    ::setpgid(0, 0);  // own process group, so a timeout can kill the command and its children
    if (in >= 0) ::dup2(in, STDIN_FILENO);
    ::dup2(out, STDOUT_FILENO);
    ::dup2(out, STDERR_FILENO);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  ::setpgid(pid, pid);  // also from the parent: no race with the child's own call
  ::close(out);
  if (in >= 0) ::close(in);

  int status = 0;
  bool timed_out = false;
  for (;;) {
    const pid_t r = ::waitpid(pid, &status, WNOHANG);
    if (r == pid) break;
    if (r < 0 && errno != EINTR) return Error::Permanent("chaos.spawn", std::string("waitpid: ") + std::strerror(errno));
    if (Clock::now() - t0 > timeout) {
      timed_out = true;
      ::kill(-pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  const auto secs = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t0).count() / 1000.0;
  std::ostringstream what;
  what << "eda " << verb_s << ' ' << comp_s << " (" << secs << " s)";
  if (timed_out) {
    return Error::Transient("chaos.timeout", what.str() + ": no answer within " + std::to_string(timeout.count()) +
                                                 " s; output tail:\n" + LogTail(1500));
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    const int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return Error::Permanent("chaos.exit", what.str() + ": exit status " + std::to_string(code) + "; output tail:\n" +
                                              LogTail(1500));
  }
  std::lock_guard lock(mutex_);
  if (TakesDown(verb)) down_.insert(comp_s);
  if (BringsUp(verb)) down_.erase(comp_s);
  return {};
}

Status Chaos::RestoreAll(std::chrono::seconds timeout_each) {
  Status first;
  for (const std::string& comp : Down()) {
    Status s = Run("start", comp, timeout_each);
    if (!s.ok() && first.ok()) first = std::move(s);
  }
  return first;
}

std::vector<std::string> Chaos::Down() const {
  std::lock_guard lock(mutex_);
  return {down_.begin(), down_.end()};
}

std::string Chaos::LogTail(std::size_t max_bytes) const {
  std::ifstream in(log_file_, std::ios::binary);
  std::string all((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return all.size() <= max_bytes ? all : all.substr(all.size() - max_bytes);
}

}  // namespace eda::fault_test
