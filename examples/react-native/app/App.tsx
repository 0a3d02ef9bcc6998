/**
 * The screens: a splash while the stored session is read, a login form, and an account screen
 * that loads `api/me/` with the client's fetch. Type-checked against React Native's types.
 */
import type { AuthState } from '@simplejwt-client/core';
import { AuthProvider, RequireAuth, useAuth, useAuthFetch, useAuthState } from '@simplejwt-client/react';
import { useEffect, useState, type ReactElement } from 'react';
import { ActivityIndicator, Button, Text, TextInput, View } from 'react-native';
import { auth } from './auth.js';
import type { Claims } from './native-auth.js';

function LoginScreen(): ReactElement {
  const { login, error } = useAuth<Claims>();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  return (
    <View>
      <TextInput value={username} onChangeText={setUsername} autoCapitalize="none" textContentType="username" />
      <TextInput value={password} onChangeText={setPassword} secureTextEntry textContentType="password" />
      {/* The error is also in `error` (e.g. code 'no_active_account'): nothing to catch here. */}
      <Button title="Sign in" onPress={() => void login({ username, password }).catch(() => {})} />
      {error && <Text accessibilityRole="alert">{error.message}</Text>}
    </View>
  );
}

function AccountScreen(): ReactElement {
  const authFetch = useAuthFetch();
  const userId = useAuthState((s: AuthState<Claims>) => s.claims?.user_id);
  const { logout } = useAuth<Claims>();
  const [username, setUsername] = useState<string | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    authFetch('api/me/', { signal: controller.signal })
      .then((response) => response.json() as Promise<{ username: string }>)
      .then((me) => setUsername(me.username))
      .catch(() => {}); // aborted, or the session ended (the screen switches to the login form)
    return () => controller.abort();
  }, [authFetch]);
  return (
    <View>
      <Text>
        User {userId}: {username ?? '…'}
      </Text>
      <Button title="Sign out" onPress={() => void logout()} />
    </View>
  );
}

export default function App(): ReactElement {
  return (
    <AuthProvider client={auth}>
      <RequireAuth loading={<ActivityIndicator />} fallback={<LoginScreen />}>
        <AccountScreen />
      </RequireAuth>
    </AuthProvider>
  );
}
